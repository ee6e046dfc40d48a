using System.Text.Json;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>Organizations' read operations through boto3: tree, tags, paging, errors, management-only access.</summary>
public sealed class OrganizationsTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>
{
    private AwsCredentials Operator => fixture.Emulator.CredentialsOf(SampleOrganization.ManagementAccountId, "operator");

    [Fact]
    public async Task The_tree_accounts_and_tags_read_back_as_the_sample_organization()
    {
        var results = await RunAsync(
            Call("list_roots"),
            Call("list_organizational_units_for_parent", new { ParentId = SampleOrganization.RootId }),
            Call("list_organizational_units_for_parent", new { ParentId = SampleOrganization.WorkloadsOu }),
            Call("list_accounts_for_parent", new { ParentId = SampleOrganization.DevOu }),
            Call("list_tags_for_resource", new { ResourceId = SampleOrganization.ProdAccountId }),
            Call("describe_account", new { AccountId = SampleOrganization.LegacyAccountId }),
            Call("list_accounts", new { MaxResults = 2 }));

        results.Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        results[0].Response.GetProperty("Roots")[0].GetProperty("Id").GetString().Should().Be(SampleOrganization.RootId);
        Names(results[1].Response.GetProperty("OrganizationalUnits")).Should().Equal("Security", "Workloads");
        Names(results[2].Response.GetProperty("OrganizationalUnits")).Should().Equal("Prod", "Dev");
        Names(results[3].Response.GetProperty("Accounts")).Should().Equal("dev", "legacy");
        results[4].Response.GetProperty("Tags").EnumerateArray().Select(tag => $"{tag.GetProperty("Key").GetString()}={tag.GetProperty("Value").GetString()}")
            .Should().BeEquivalentTo("env=prod", "ir-managed=true");
        var legacy = results[5].Response.GetProperty("Account");
        (legacy.GetProperty("State").GetString(), legacy.GetProperty("Status").GetString()).Should().Be(("SUSPENDED", "SUSPENDED"));
        results[6].Response.GetProperty("Accounts").GetArrayLength().Should().Be(2);

        var all = new List<string?>();
        string? token = null;
        do
        {
            var page = await RunOneAsync(token is null ? Call("list_accounts", new { MaxResults = 2 }) : Call("list_accounts", new { MaxResults = 2, NextToken = token }));
            all.AddRange(Names(page.Response.GetProperty("Accounts")));
            token = page.Response.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        all.Should().Equal("management", "security-tooling", "prod", "dev", "legacy");
    }

    [Fact]
    public async Task Errors_are_JSON_types_and_only_the_management_account_may_call()
    {
        var alice = fixture.Emulator.CredentialsOf(SampleOrganization.SecurityToolingAccountId, "alice");
        var results = await RunAsync(
            Call("describe_account", new { AccountId = "999999999999" }),
            Call("list_accounts_for_parent", new { ParentId = "ou-ir01-nothere1" }),
            Call("list_tags_for_resource", new { ResourceId = "999999999999" }),
            new Boto3Call("organizations", "list_accounts", alice),
            new Boto3Call("organizations", "list_accounts", fixture.Emulator.CredentialsOf(SampleOrganization.ManagementAccountId, "admin-management") with { SecretAccessKey = "wrong" }));

        (results[0].Code, results[0].Message).Should().Be(("AccountNotFoundException", "You specified an account that doesn't exist."));
        results[1].Code.Should().Be("ParentNotFoundException");
        results[2].Code.Should().Be("TargetNotFoundException");
        (results[3].Code, results[3].Message).Should().Be(("AccessDeniedException", "You don't have permissions to access this resource."));
        results[4].Code.Should().Be("InvalidSignatureException");
        results.Should().AllSatisfy(result => result.Status.Should().Be(400));
    }

    private static IEnumerable<string?> Names(JsonElement items) => items.EnumerateArray().Select(item => item.GetProperty("Name").GetString());

    private Boto3Call Call(string operation, object? parameters = null) => new("organizations", operation, Operator, parameters);

    private Task<IReadOnlyList<Boto3Result>> RunAsync(params Boto3Call[] calls) => Boto3Runner.RunAsync(fixture.Endpoint, calls);

    private Task<Boto3Result> RunOneAsync(Boto3Call call) => Boto3Runner.RunOneAsync(fixture.Endpoint, call);
}
