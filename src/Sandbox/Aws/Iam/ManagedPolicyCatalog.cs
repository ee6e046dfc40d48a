using System.Collections.Frozen;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// The AWS managed policies AttachRolePolicy and PutRolePermissionsBoundary accept. Their documents
/// are condensed stand-ins for AWS's (which run to thousands of actions): the same intent in a few
/// wildcards, enough for the emulator to authorize the calls it serves. Customer managed policies
/// (arn:aws:iam::ACCOUNT:policy/...) are not modelled: attaching one is NoSuchEntity.
/// </summary>
public static class ManagedPolicyCatalog
{
    // IAM refuses "*" as a service prefix in Action, so read-only access is spelled per service.
    private static readonly string ReadOnly = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{string.Join(',',
        new[] { "iam", "sts", "organizations", "cloudtrail", "cloudwatch", "logs", "ec2", "ssm", "config", "s3", "kms", "guardduty", "securityhub", "access-analyzer" }
            .SelectMany(service => new[] { "Get*", "List*", "Describe*", "BatchGet*", "Lookup*" }.Select(verb => $"\"{service}:{verb}\"")))}}],"Resource":"*"}]}""";
    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private static readonly FrozenDictionary<string, PolicyDocument> Policies = new Dictionary<string, string>
    {
        ["AdministratorAccess"] = AllowAll,
        ["PowerUserAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions"],"Resource":"*"}]}""",
        ["ReadOnlyAccess"] = ReadOnly,
        ["ViewOnlyAccess"] = ReadOnly,
        ["SecurityAudit"] = ReadOnly,
        ["AWSCloudTrail_ReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudtrail:Get*","cloudtrail:Describe*","cloudtrail:List*","cloudtrail:LookupEvents"],"Resource":"*"}]}""",
        ["CloudWatchReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudwatch:Describe*","cloudwatch:Get*","cloudwatch:List*","logs:Get*","logs:List*","logs:Describe*","logs:StartQuery","logs:StopQuery","logs:FilterLogEvents"],"Resource":"*"}]}""",
        ["CloudWatchLogsReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:Describe*","logs:Get*","logs:List*","logs:StartQuery","logs:StopQuery","logs:TestMetricFilter","logs:FilterLogEvents"],"Resource":"*"}]}""",
        ["AmazonEC2ReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","elasticloadbalancing:Describe*","cloudwatch:ListMetrics","cloudwatch:GetMetricStatistics","cloudwatch:Describe*","autoscaling:Describe*"],"Resource":"*"}]}""",
        ["AmazonSSMReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],"Resource":"*"}]}""",
        ["AmazonVPCReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:DescribeVpcs","ec2:DescribeSubnets","ec2:DescribeFlowLogs","ec2:DescribeSecurityGroups","logs:Describe*","logs:Get*","logs:FilterLogEvents"],"Resource":"*"}]}""",
        ["AWSConfigUserAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["config:Get*","config:Describe*","config:Deliver*","config:List*","config:Select*","tag:GetResources"],"Resource":"*"}]}""",
        ["AWSSupportAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*"],"Resource":"*"}]}""",
    }.ToFrozenDictionary(pair => "arn:aws:iam::aws:policy/" + pair.Key, pair => PolicyDocument.Parse(pair.Value).ValidateAsIdentityPolicy(), StringComparer.Ordinal);

    public static IEnumerable<string> Arns => Policies.Keys;

    public static PolicyDocument? Find(string arn) => Policies.TryGetValue(arn, out var document) ? document : null;

    public static string NameOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}
