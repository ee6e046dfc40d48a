using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Sandbox.Aws.Policy;
using Emulator = IrOperator.Sandbox.Aws.AwsEmulator;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// IAM's quotas, with the adjustable ones lowered so a test can reach them, on both sides of each
/// limit. The management account holds no roles at the start, so the role quota counts only these.
/// </summary>
public sealed class IamLimitsTests : IAsyncLifetime
{
    private const string Account = SampleOrganization.ManagementAccountId;
    private const int TrustQuota = 400;
    private Emulator? _emulator;

    private Emulator Aws => _emulator!;

    public async Task InitializeAsync() => _emulator = await Emulator.StartAsync(new AwsEmulatorOptions
    {
        Limits = new IamLimits { RolesPerAccount = 2, TrustPolicySize = TrustQuota, ManagedPoliciesPerRole = 2, CustomerManagedPoliciesPerAccount = 2, VersionsPerPolicy = 2 },
    });

    public async Task DisposeAsync() => await Aws.DisposeAsync();

    [Fact]
    public async Task Quotas_refuse_with_LimitExceeded_and_allow_up_to_the_limit()
    {
        var admin = Aws.CredentialsOf(Account, "admin-management");
        var trustAtQuota = TrustOfSize(TrustQuota);
        var trustOverQuota = TrustOfSize(TrustQuota + 1);
        var inline = Identity(6000);
        var results = await Boto3Runner.RunAsync(
            Aws.Endpoint,
            new Boto3Call("iam", "create_role", admin, new { RoleName = "over", AssumeRolePolicyDocument = trustOverQuota }),
            new Boto3Call("iam", "create_role", admin, new { RoleName = "one", AssumeRolePolicyDocument = trustAtQuota }),
            new Boto3Call("iam", "create_role", admin, new { RoleName = "two", AssumeRolePolicyDocument = trustAtQuota }),
            new Boto3Call("iam", "create_role", admin, new { RoleName = "three", AssumeRolePolicyDocument = trustAtQuota }),
            new Boto3Call("iam", "put_role_policy", admin, new { RoleName = "one", PolicyName = "a", PolicyDocument = inline }),
            new Boto3Call("iam", "put_role_policy", admin, new { RoleName = "one", PolicyName = "b", PolicyDocument = inline }),
            new Boto3Call("iam", "put_role_policy", admin, new { RoleName = "one", PolicyName = "a", PolicyDocument = Identity(3000) }),
            new Boto3Call("iam", "attach_role_policy", admin, new { RoleName = "two", PolicyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
            new Boto3Call("iam", "attach_role_policy", admin, new { RoleName = "two", PolicyArn = "arn:aws:iam::aws:policy/SecurityAudit" }),
            new Boto3Call("iam", "attach_role_policy", admin, new { RoleName = "two", PolicyArn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" }),
            new Boto3Call("iam", "tag_role", admin, new { RoleName = "two", Tags = Enumerable.Range(1, 51).Select(i => new { Key = $"k{i}", Value = "v" }).ToArray() }),
            new Boto3Call("iam", "update_assume_role_policy", admin, new { RoleName = "two", PolicyDocument = trustOverQuota }));

        Outcome(results[0]).Should().Be((409, "LimitExceeded", $"Cannot exceed quota for ACLSizePerRole: {TrustQuota}"));
        results[1].Ok.Should().BeTrue(results[1].ToString());
        results[2].Ok.Should().BeTrue(results[2].ToString());
        Outcome(results[3]).Should().Be((409, "LimitExceeded", "Cannot exceed quota for RolesPerAccount: 2"));
        results[4].Ok.Should().BeTrue(results[4].ToString());
        Outcome(results[5]).Should().Be((409, "LimitExceeded", "Maximum policy size of 10240 bytes exceeded for role one"));
        results[6].Ok.Should().BeTrue("replacing a policy counts its new size, not both: " + results[6]);
        results[7].Ok.Should().BeTrue();
        results[8].Ok.Should().BeTrue();
        Outcome(results[9]).Should().Be((409, "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 2"));
        Outcome(results[10]).Should().Be((409, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50"));
        results[11].Code.Should().Be("LimitExceeded");
        Aws.Role(Account, "two")!.TrustPolicyJson.Should().Be(trustAtQuota, "a refused write changes nothing");
    }

    [Fact]
    public async Task Managed_policy_quotas_refuse_with_LimitExceeded()
    {
        var admin = Aws.CredentialsOf(Account, "admin-management");
        var arn = $"arn:aws:iam::{Account}:policy/p1";
        var results = await Boto3Runner.RunAsync(
            Aws.Endpoint,
            new Boto3Call("iam", "create_policy", admin, new { PolicyName = "p1", PolicyDocument = Identity(150) }),
            new Boto3Call("iam", "create_policy", admin, new { PolicyName = "p2", PolicyDocument = Identity(6144) }),
            new Boto3Call("iam", "create_policy", admin, new { PolicyName = "p3", PolicyDocument = Identity(6145) }),
            new Boto3Call("iam", "create_policy", admin, new { PolicyName = "p4", PolicyDocument = Identity(150) }),
            new Boto3Call("iam", "create_policy_version", admin, new { PolicyArn = arn, PolicyDocument = Identity(200) }),
            new Boto3Call("iam", "create_policy_version", admin, new { PolicyArn = arn, PolicyDocument = Identity(300) }),
            new Boto3Call("iam", "delete_policy_version", admin, new { PolicyArn = arn, VersionId = "v1" }),
            new Boto3Call("iam", "set_default_policy_version", admin, new { PolicyArn = arn, VersionId = "v2" }),
            new Boto3Call("iam", "delete_policy_version", admin, new { PolicyArn = arn, VersionId = "v1" }),
            new Boto3Call("iam", "create_policy_version", admin, new { PolicyArn = arn, PolicyDocument = Identity(300) }),
            new Boto3Call("iam", "get_policy", admin, new { PolicyArn = arn }));

        results[0].Ok.Should().BeTrue(results[0].ToString());
        results[1].Ok.Should().BeTrue("6,144 characters is the limit: {0}", results[1]);
        Outcome(results[2]).Should().Be((409, "LimitExceeded", "Cannot exceed quota for PolicySize: 6144"));
        Outcome(results[3]).Should().Be((409, "LimitExceeded", "Cannot exceed quota for PoliciesPerAccount: 2"));
        results[4].Ok.Should().BeTrue(results[4].ToString());
        Outcome(results[5]).Should().Be((409, "LimitExceeded", "A managed policy can have up to 2 versions. Before you create a new version, you must delete an existing version."));
        Outcome(results[6]).Should().Be((409, "DeleteConflict", "Cannot delete the default version of a policy."));
        results.Skip(7).Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        results[9].Response.GetProperty("PolicyVersion").GetProperty("VersionId").GetString().Should().Be("v3", "version ids are never reused");
        results[10].Response.GetProperty("Policy").GetProperty("DefaultVersionId").GetString().Should().Be("v2");
    }

    // A trust policy of exactly `size` characters as IAM counts them (white space aside), padded in a Sid.
    private static string TrustOfSize(int size)
    {
        const string Template = """{"Version": "2012-10-17", "Statement": [{"Sid": "S{0}", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]}""";
        var padding = size - PolicySize.Count(Template.Replace("{0}", string.Empty, StringComparison.Ordinal));
        var document = Template.Replace("{0}", new string('x', padding), StringComparison.Ordinal);
        PolicySize.Count(document).Should().Be(size);
        return document;
    }

    private static string Identity(int size)
    {
        const string Template = """{"Version":"2012-10-17","Statement":[{"Sid":"S{0}","Effect":"Allow","Action":"logs:Get*","Resource":"*"}]}""";
        return Template.Replace("{0}", new string('x', size - PolicySize.Count(Template.Replace("{0}", string.Empty, StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    private static (int, string?, string?) Outcome(Boto3Result result) => (result.Status, result.Code, result.Message);
}
