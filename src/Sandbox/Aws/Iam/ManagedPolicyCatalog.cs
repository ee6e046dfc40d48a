using System.Collections.Frozen;
using System.Collections.Immutable;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// The AWS managed policies the emulator knows, under AWS's real ARNs with their paths
/// (<c>arn:aws:iam::aws:policy/job-function/ViewOnlyAccess</c>, <c>.../service-role/...</c>). Their
/// documents are condensed stand-ins for AWS's (which run to thousands of actions): the same shape and
/// intent in a few wildcards per service, e.g. ViewOnlyAccess lists and describes but reads no data
/// (no s3:GetObject) while ReadOnlyAccess reads data too. See docs/aws-emulator.md. Any other
/// <c>arn:aws:iam::aws:policy/...</c> ARN is NoSuchEntity, as an unknown ARN is in AWS.
/// </summary>
public static class ManagedPolicyCatalog
{
    /// <summary>AWS managed policies carry this fixed creation date here (AWS's vary).</summary>
    public static readonly DateTimeOffset Created = new(2015, 2, 6, 18, 39, 46, TimeSpan.Zero);

    private static readonly string[] ReadServices =
    [
        "iam", "sts", "organizations", "cloudtrail", "cloudwatch", "logs", "ec2", "ssm", "config", "s3", "kms", "guardduty",
        "securityhub", "access-analyzer", "lambda", "rds", "elasticloadbalancing", "autoscaling", "eks", "ecr", "dynamodb", "sns", "sqs",
    ];

    // IAM refuses "*" as a service prefix in Action, so read-only access is spelled per service.
    private static readonly string ReadOnly = Allow(ReadServices.SelectMany(service => new[] { "Get*", "List*", "Describe*", "BatchGet*", "Lookup*" }
        .Select(verb => $"{service}:{verb}")));

    // Lists and describes configuration but reads no data: no s3:GetObject, no secrets, no log events.
    private static readonly string ViewOnly = Allow(ReadServices.SelectMany(service => new[] { "List*", "Describe*" }
        .Select(verb => $"{service}:{verb}")).Concat(["s3:GetBucketLocation", "iam:GetAccountSummary", "cloudtrail:LookupEvents"]));

    // Configuration metadata for auditors: gets of settings and policies, never object data.
    private static readonly string SecurityAudit = Allow(ReadServices.SelectMany(service => new[] { "List*", "Describe*" }
        .Select(verb => $"{service}:{verb}")).Concat(
        [
            "iam:Get*", "iam:GenerateCredentialReport", "s3:GetBucket*", "s3:GetAccountPublicAccessBlock", "s3:GetEncryptionConfiguration",
            "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors", "config:Get*",
            "ec2:GetEbsEncryptionByDefault", "guardduty:Get*", "securityhub:Get*", "logs:GetLogDelivery", "lambda:GetPolicy", "lambda:GetFunctionConfiguration",
        ]));

    private static readonly FrozenDictionary<string, ManagedPolicy> Policies = new Dictionary<string, string>
    {
        ["AdministratorAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""",
        ["PowerUserAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}""",
        ["ReadOnlyAccess"] = ReadOnly,
        ["job-function/ViewOnlyAccess"] = ViewOnly,
        ["SecurityAudit"] = SecurityAudit,
        ["job-function/SupportUser"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*","iam:Get*","iam:List*","ec2:Describe*","cloudtrail:Describe*","cloudtrail:LookupEvents","logs:Describe*","cloudwatch:Describe*","cloudwatch:Get*","cloudwatch:List*"],"Resource":"*"}]}""",
        ["AWSCloudTrail_ReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudtrail:Get*","cloudtrail:Describe*","cloudtrail:List*","cloudtrail:LookupEvents"],"Resource":"*"}]}""",
        ["CloudWatchReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudwatch:Describe*","cloudwatch:Get*","cloudwatch:List*","logs:Get*","logs:List*","logs:Describe*","logs:StartQuery","logs:StopQuery","logs:FilterLogEvents"],"Resource":"*"}]}""",
        ["CloudWatchLogsReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:Describe*","logs:Get*","logs:List*","logs:StartQuery","logs:StopQuery","logs:TestMetricFilter","logs:FilterLogEvents"],"Resource":"*"}]}""",
        ["AmazonEC2ReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","elasticloadbalancing:Describe*","cloudwatch:ListMetrics","cloudwatch:GetMetricStatistics","cloudwatch:Describe*","autoscaling:Describe*"],"Resource":"*"}]}""",
        ["AmazonSSMReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],"Resource":"*"}]}""",
        ["AmazonSSMManagedInstanceCore"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:DescribeAssociation","ssm:GetDeployablePatchSnapshotForInstance","ssm:GetDocument","ssm:DescribeDocument","ssm:GetManifest","ssm:GetParameter","ssm:GetParameters","ssm:ListAssociations","ssm:ListInstanceAssociations","ssm:PutInventory","ssm:PutComplianceItems","ssm:PutConfigurePackageResult","ssm:UpdateAssociationStatus","ssm:UpdateInstanceAssociationStatus","ssm:UpdateInstanceInformation"],"Resource":"*"},{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"},{"Effect":"Allow","Action":["ec2messages:AcknowledgeMessage","ec2messages:DeleteMessage","ec2messages:FailMessage","ec2messages:GetEndpoint","ec2messages:GetMessages","ec2messages:SendReply"],"Resource":"*"}]}""",
        ["AmazonVPCReadOnlyAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:DescribeVpcs","ec2:DescribeSubnets","ec2:DescribeFlowLogs","ec2:DescribeSecurityGroups","logs:Describe*","logs:Get*","logs:FilterLogEvents"],"Resource":"*"}]}""",
        ["AWSConfigUserAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["config:Get*","config:Describe*","config:Deliver*","config:List*","config:Select*","tag:GetResources"],"Resource":"*"}]}""",
        ["AWSSupportAccess"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*"],"Resource":"*"}]}""",
        ["service-role/AWSConfigRole"] = Allow(["config:Put*", "config:Get*", "config:List*", "config:Describe*", "ec2:Describe*", "iam:Get*", "iam:List*", "s3:GetBucket*", "s3:ListAllMyBuckets", "tag:GetResources"]),
        ["service-role/AWSLambdaBasicExecutionRole"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}""",
        ["service-role/AmazonSSMAutomationRole"] = Allow(["ssm:*", "ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances", "ec2:CreateSnapshot", "ec2:CreateTags", "lambda:InvokeFunction"]),
    }.ToFrozenDictionary(
        pair => "arn:aws:iam::aws:policy/" + pair.Key,
        pair => Create(pair.Key, pair.Value),
        StringComparer.Ordinal);

    public static IEnumerable<string> Arns => Policies.Keys;

    public static IEnumerable<ManagedPolicy> All => Policies.Values;

    /// <summary>The AWS managed policy with this ARN, in the partition of the ARN (aws, aws-cn, aws-us-gov), or null.</summary>
    public static ManagedPolicy? Find(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        if (!AwsArn.TryParse(arn, out var parsed) || parsed.Account != "aws")
        {
            return null;
        }

        var canonical = "arn:aws:" + arn[(arn.IndexOf(':', 4) + 1)..];
        return Policies.TryGetValue(canonical, out var policy)
            ? parsed.Partition == "aws" ? policy : policy with { Arn = arn }
            : null;
    }

    /// <summary>The policy's name: the last part of its ARN (paths are not part of the name).</summary>
    public static string NameOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private static ManagedPolicy Create(string pathAndName, string json)
    {
        var name = NameOf(pathAndName);
        var path = "/" + pathAndName[..^name.Length];
        var document = PolicyDocument.Parse(json).ValidateAsIdentityPolicy();
        var id = "ANPA" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pathAndName)))[..17];
        return new ManagedPolicy(
            "arn:aws:iam::aws:policy/" + pathAndName, name, path, id, null, Created, Created, "v1",
            [new ManagedPolicyVersion("v1", json, document, Created)], ImmutableList<IamTag>.Empty);
    }

    private static string Allow(IEnumerable<string> actions) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{string.Join(',', actions.Select(action => $"\"{action}\""))}}],"Resource":"*"}]}""";
}
