using IrOperator.Iam.Policies;
using static IrOperator.Iam.Presets.PresetStatements;

namespace IrOperator.Iam.Presets;

/// <summary>
/// The read-and-investigate policy every preset starts from. Each action's reason is in
/// docs/presets.md; change both together, and the pinned snapshot (PresetSnapshotTests).
/// </summary>
internal static class AnalystPolicy
{
    public const string Name = "iroperator-preset-analyst";

    public static PolicyDocument Build(PresetOptions options) => new(
    [
        Allow("CloudWatchRead",
        [
            "cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory", "cloudwatch:DescribeAlarmsForMetric",
            "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics",
        ]),
        Allow("LogsRead",
        [
            "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:DescribeMetricFilters", "logs:DescribeSubscriptionFilters",
            "logs:GetLogEvents", "logs:FilterLogEvents", "logs:GetLogRecord", "logs:GetLogGroupFields",
            "logs:StartQuery", "logs:StopQuery", "logs:GetQueryResults", "logs:DescribeQueries",
        ]),
        Allow("CloudTrailRead",
        [
            "cloudtrail:LookupEvents", "cloudtrail:DescribeTrails", "cloudtrail:GetTrail", "cloudtrail:GetTrailStatus",
            "cloudtrail:ListTrails", "cloudtrail:GetEventSelectors", "cloudtrail:GetInsightSelectors",
        ]),
        Allow("ConfigRead",
        [
            "config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus", "config:DescribeConfigRules",
            "config:DescribeComplianceByConfigRule", "config:DescribeComplianceByResource", "config:GetComplianceDetailsByConfigRule",
            "config:GetComplianceDetailsByResource", "config:GetResourceConfigHistory", "config:ListDiscoveredResources",
            "config:BatchGetResourceConfig", "config:SelectResourceConfig",
        ]),
        Allow("Ec2Describe",
        [
            "ec2:DescribeInstances", "ec2:DescribeInstanceStatus", "ec2:DescribeInstanceAttribute", "ec2:DescribeIamInstanceProfileAssociations",
            "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules", "ec2:DescribeNetworkInterfaces", "ec2:DescribeNetworkAcls",
            "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints", "ec2:DescribeAddresses",
            "ec2:DescribeFlowLogs", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:DescribeImages", "ec2:DescribeTags",
        ]),
        Allow("IamRead",
        [
            "iam:GetAccountAuthorizationDetails", "iam:GetRole", "iam:GetRolePolicy", "iam:ListRoles", "iam:ListRolePolicies",
            "iam:ListAttachedRolePolicies", "iam:ListRoleTags", "iam:GetUser", "iam:GetUserPolicy", "iam:ListUsers", "iam:ListUserPolicies",
            "iam:ListAttachedUserPolicies", "iam:ListGroupsForUser", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed", "iam:ListMFADevices",
            "iam:GetGroup", "iam:GetGroupPolicy", "iam:ListAttachedGroupPolicies", "iam:GetPolicy", "iam:GetPolicyVersion",
            "iam:ListPolicyVersions", "iam:ListEntitiesForPolicy", "iam:ListInstanceProfilesForRole",
        ]),
        Allow("OrganizationsRead",
        [
            "organizations:DescribeOrganization", "organizations:DescribeAccount", "organizations:ListAccounts",
            "organizations:ListParents", "organizations:ListPoliciesForTarget", "organizations:DescribePolicy",
        ]),
        Allow("SessionManagerDiscovery",
        [
            "ssm:DescribeInstanceInformation", "ssm:DescribeSessions", "ssm:GetConnectionStatus",
        ]),
        Allow("SessionManagerStartOnTaggedInstances", ["ssm:StartSession"], "arn:aws:ec2:*:*:instance/*") with
        {
            Condition = [new("StringEquals", "ssm:resourceTag/" + options.SessionTagKey, options.SessionTagValue)],
        },
        Allow("SessionManagerShellDocument", ["ssm:StartSession"], "arn:aws:ssm:*:*:document/SSM-SessionManagerRunShell"),
        // Session Manager tags each session with its owner's aws:userid ("Allow users to end only
        // sessions they started", Session Manager's sample IAM policies), so another responder's
        // session can be neither resumed nor terminated.
        Allow("SessionManagerOwnSessions", ["ssm:ResumeSession", "ssm:TerminateSession"], "arn:aws:ssm:*:*:session/*") with
        {
            Condition = [new("StringLike", "ssm:resourceTag/aws:ssmmessages:session-id", "${aws:userid}")],
        },
    ]);
}
