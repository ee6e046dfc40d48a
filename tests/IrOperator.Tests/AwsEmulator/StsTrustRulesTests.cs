using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// The rules STS enforces on AssumeRole beyond the trust policy's grammar, through boto3: root may not
/// assume roles; session tags need sts:TagSession; a chained session's source identity needs
/// sts:SetSourceIdentity in its identity policy; a same-account trust naming the caller needs no
/// identity policy; a trust is bound to its principals' unique ids.
/// </summary>
public sealed class StsTrustRulesTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>
{
    private const string Prod = SampleOrganization.ProdAccountId;
    private const string Security = SampleOrganization.SecurityToolingAccountId;
    private const string TrustProdRoot = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}""";
    private const string MayAssume = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""";

    private AwsCredentials Admin => fixture.Emulator.CredentialsOf(Prod, "admin-prod");

    [Fact]
    public async Task Root_credentials_cannot_assume_a_role()
    {
        var role = await CreateRoleAsync("root", TrustProdRoot);

        var result = await RunOneAsync(new Boto3Call("sts", "assume_role", fixture.Emulator.RootCredentials(Prod), new { RoleArn = Arn(role), RoleSessionName = "root" }));

        (result.Code, result.Message, result.Status).Should().Be(("AccessDenied", "Roles may not be assumed by root accounts.", 403));
    }

    [Fact]
    public async Task Session_tags_are_refused_unless_the_trust_policy_allows_sts_TagSession()
    {
        var role = await CreateRoleAsync("tags", TrustProdRoot);
        var tagged = await CreateRoleAsync("tags-ok", TrustProdRoot.Replace("\"sts:SetSourceIdentity\"", "\"sts:TagSession\"", StringComparison.Ordinal));
        var tags = new[] { new { Key = "incident", Value = "INC-7" } };

        var results = await RunAsync(
            new Boto3Call("sts", "assume_role", Admin, new { RoleArn = Arn(role), RoleSessionName = "tagged", Tags = tags }),
            new Boto3Call("sts", "assume_role", Admin, new { RoleArn = Arn(role), RoleSessionName = "tagged" }),
            new Boto3Call("sts", "assume_role", Admin, new { RoleArn = Arn(tagged), RoleSessionName = "tagged", Tags = tags, TransitiveTagKeys = new[] { "incident" } }));

        results[0].Code.Should().Be("AccessDenied", results[0].ToString());
        results[0].Message.Should().Be($"User: arn:aws:iam::{Prod}:user/admin-prod is not authorized to perform: sts:TagSession on resource: {Arn(role)}");
        results[1].Ok.Should().BeTrue(results[1].ToString());
        results[2].Ok.Should().BeTrue(results[2].ToString());
        results[2].Response.GetProperty("PackedPolicySize").GetInt32().Should().BePositive();
    }

    [Fact]
    public async Task A_chained_session_with_a_source_identity_needs_sts_SetSourceIdentity_in_its_own_policy()
    {
        var first = await CreateRoleAsync("chain-a", TrustProdRoot, MayAssume);
        var second = await CreateRoleAsync("chain-b", TrustProdRoot);
        var session = await AssumeAsync(Admin, first, new { SourceIdentity = "responder" });

        var refused = await RunOneAsync(new Boto3Call("sts", "assume_role", session, new { RoleArn = Arn(second), RoleSessionName = "chained" }));
        var widened = await RunOneAsync(new Boto3Call("iam", "put_role_policy", Admin, new
        {
            RoleName = first, PolicyName = "inline", PolicyDocument = MayAssume.Replace("\"sts:AssumeRole\"", "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]", StringComparison.Ordinal),
        }));
        var allowed = await RunOneAsync(new Boto3Call("sts", "assume_role", session, new { RoleArn = Arn(second), RoleSessionName = "chained" }));

        refused.Code.Should().Be("AccessDenied");
        refused.Message.Should().Contain("sts:SetSourceIdentity");
        widened.Ok.Should().BeTrue(widened.ToString());
        allowed.Ok.Should().BeTrue(allowed.ToString());
        allowed.Response.GetProperty("SourceIdentity").GetString().Should().Be("responder");
    }

    [Fact]
    public async Task A_same_account_trust_naming_the_caller_needs_no_identity_policy_but_another_account_does()
    {
        var carol = "carol-" + Guid.NewGuid().ToString("N")[..8];
        var dave = "dave-" + Guid.NewGuid().ToString("N")[..8];
        var carolKey = fixture.Emulator.CreateUser(Prod, carol);
        var daveKey = fixture.Emulator.CreateUser(Security, dave);
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::{{Prod}}:user/{{carol}}","arn:aws:iam::{{Security}}:user/{{dave}}"]},"Action":"sts:AssumeRole"}]}""";
        var role = await CreateRoleAsync("direct", trust);

        var results = await RunAsync(
            new Boto3Call("sts", "assume_role", carolKey, new { RoleArn = Arn(role), RoleSessionName = "carol" }),
            new Boto3Call("sts", "assume_role", daveKey, new { RoleArn = Arn(role), RoleSessionName = "dave" }));

        results[0].Ok.Should().BeTrue("carol is in the role's account and named by ARN: {0}", results[0]);
        results[1].Code.Should().Be("AccessDenied", "dave is in another account and has no identity policy");
    }

    [Fact]
    public async Task A_recreated_principal_is_no_longer_trusted_by_ARN_but_still_through_root_and_aws_PrincipalArn()
    {
        var caller = await CreateRoleAsync("caller", TrustProdRoot);
        var callerArn = Arn(caller);
        var byArn = await CreateRoleAsync("by-arn", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{callerArn}}"},"Action":"sts:AssumeRole"}]}""");
        var byRoot = await CreateRoleAsync(
            "by-root",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"sts:AssumeRole","Condition":{"ArnEquals":{"aws:PrincipalArn":"CALLER"}}}]}"""
                .Replace("CALLER", callerArn, StringComparison.Ordinal));
        var oldId = fixture.Emulator.Role(Prod, caller)!.RoleId;

        var first = await AssumeAsync(Admin, caller);
        var before = await RunAsync(
            new Boto3Call("sts", "assume_role", first, new { RoleArn = Arn(byArn), RoleSessionName = "first" }),
            new Boto3Call("sts", "assume_role", first, new { RoleArn = Arn(byRoot), RoleSessionName = "first" }),
            new Boto3Call("iam", "delete_role", Admin, new { RoleName = caller }),
            new Boto3Call("iam", "create_role", Admin, new { RoleName = caller, AssumeRolePolicyDocument = TrustProdRoot }),
            new Boto3Call("iam", "put_role_policy", Admin, new { RoleName = caller, PolicyName = "inline", PolicyDocument = MayAssume }));
        var second = await AssumeAsync(Admin, caller);
        var after = await RunAsync(
            new Boto3Call("sts", "assume_role", second, new { RoleArn = Arn(byArn), RoleSessionName = "second" }),
            new Boto3Call("sts", "assume_role", second, new { RoleArn = Arn(byRoot), RoleSessionName = "second" }),
            new Boto3Call("iam", "get_role", Admin, new { RoleName = byArn }));

        before[0].Ok.Should().BeTrue("the trust names the role and the account is the same: {0}", before[0]);
        before[1].Code.Should().Be("AccessDenied", "a trust naming only the account also needs the caller's identity policy");
        before.Skip(2).Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        after[0].Code.Should().Be("AccessDenied", "the trust holds the deleted role's unique id, not its ARN");
        after[1].Ok.Should().BeTrue("root + aws:PrincipalArn compares the ARN: {0}", after[1]);
        after[2].Response.GetProperty("Role").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0]
            .GetProperty("Principal").GetProperty("AWS").GetString().Should().Be(oldId).And.StartWith("AROA");
    }

    private async Task<string> CreateRoleAsync(string prefix, string trust, string? inline = null)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var calls = new List<Boto3Call> { new("iam", "create_role", Admin, new { RoleName = name, AssumeRolePolicyDocument = trust }) };
        if (inline is not null)
        {
            calls.Add(new("iam", "put_role_policy", Admin, new { RoleName = name, PolicyName = "inline", PolicyDocument = inline }));
        }

        var results = await RunAsync([.. calls]);
        results.Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        return name;
    }

    private async Task<AwsCredentials> AssumeAsync(AwsCredentials caller, string role, object? extra = null)
    {
        var parameters = new Dictionary<string, object> { ["RoleArn"] = Arn(role), ["RoleSessionName"] = "test" };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            parameters[property.Name] = property.GetValue(extra)!;
        }

        var result = await RunOneAsync(new Boto3Call("sts", "assume_role", caller, parameters));
        result.Ok.Should().BeTrue(result.ToString());
        return EffectivePermissionsTests.SessionOf(result.Response);
    }

    private static string Arn(string role) => $"arn:aws:iam::{Prod}:role/{role}";

    private Task<IReadOnlyList<Boto3Result>> RunAsync(params Boto3Call[] calls) => Boto3Runner.RunAsync(fixture.Endpoint, calls);

    private Task<Boto3Result> RunOneAsync(Boto3Call call) => Boto3Runner.RunOneAsync(fixture.Endpoint, call);
}
