using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Aws.Organizations;
using IrOperator.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.AwsClients;

/// <summary>Our Organizations client and the account inventory over HTTP against the emulator's sample organization.</summary>
public sealed class OrganizationsIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string Root = "r-ir01";
    private const string Security = "ou-ir01-security";
    private const string Workloads = "ou-ir01-workloads";
    private const string Prod = "ou-ir01-prod0001";
    private const string Dev = "ou-ir01-dev00001";

    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsTestStack _stack;
    private readonly IOrganizationsClient _organizations;

    public OrganizationsIntegrationTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _stack = EmulatorStacks.Create(fixture);
        _organizations = _stack.Organizations;
    }

    public void Dispose()
    {
        EmulatorStacks.Faults(_fixture).Reset();
        _stack.Dispose();
    }

    [Fact]
    public async Task Roots_accounts_and_units_are_listed()
    {
        var roots = await _organizations.ListRootsAsync(CancellationToken.None).ToListAsync();
        var accounts = await _organizations.ListAccountsAsync(CancellationToken.None).ToListAsync();
        var underRoot = await _organizations.ListOrganizationalUnitsForParentAsync(Root, CancellationToken.None).ToListAsync();
        var underWorkloads = await _organizations.ListOrganizationalUnitsForParentAsync(Workloads, CancellationToken.None).ToListAsync();
        var inDev = await _organizations.ListAccountsForParentAsync(Dev, CancellationToken.None).ToListAsync();

        roots.Should().ContainSingle().Which.Id.Should().Be(Root);
        accounts.Select(a => a.Id).Should().BeEquivalentTo(["111111111111", "222222222222", "333333333333", "444444444444", "555555555555"]);
        accounts.Single(a => a.Id == "333333333333").Should().Match<OrganizationAccount>(a => a.Name == "prod" && a.IsActive && a.Arn.Contains("333333333333"));
        underRoot.Select(u => u.Id).Should().BeEquivalentTo([Security, Workloads]);
        underWorkloads.Select(u => u.Name).Should().BeEquivalentTo(["Prod", "Dev"]);
        inDev.Select(a => (a.Id, a.IsActive)).Should().BeEquivalentTo([("444444444444", true), ("555555555555", false)]);
    }

    [Fact]
    public async Task Accounts_page_through_next_tokens()
    {
        var paged = await _organizations.ListAccountsAsync(CancellationToken.None, pageSize: 2).ToListAsync();

        paged.Select(a => a.Id).Should().OnlyHaveUniqueItems().And.HaveCount(5);
        _stack.Log.Lines.Count(l => l.Contains("ListAccounts ", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Tags_and_description_of_an_account_are_read()
    {
        var tags = await _organizations.ListTagsForResourceAsync("333333333333", CancellationToken.None).ToListAsync();
        var account = await _organizations.DescribeAccountAsync("555555555555", CancellationToken.None);

        tags.Should().BeEquivalentTo([new OrganizationTag("env", "prod"), new OrganizationTag("ir-managed", "true")]);
        account.Name.Should().Be("legacy");
        account.State.Should().Be("SUSPENDED");
        account.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task Unknown_account_is_AccountNotFoundException()
    {
        var act = () => _organizations.DescribeAccountAsync("999999999999", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("AccountNotFoundException");
        error.Kind.Should().Be(AwsErrorKind.Terminal);
    }

    [Fact]
    public async Task Organizations_throttling_is_retried()
    {
        var faults = EmulatorStacks.Faults(_fixture);
        faults.Services = new HashSet<string> { "organizations" };
        faults.FailNext(2);

        var roots = await _organizations.ListRootsAsync(CancellationToken.None).ToListAsync();

        roots.Should().ContainSingle();
        _stack.Log.Lines.Should().Contain(l => l.Contains("ListRoots", StringComparison.Ordinal) && l.Contains("Attempts=3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inventory_resolves_ous_recursively_tags_and_exclude_leaving_suspended_accounts_out()
    {
        using var inventory = new AccountInventory(_organizations, new AccountInventoryOptions(), new FakeTimeProvider(DateTimeOffset.UtcNow), _stack.Log.Logger);

        var workloads = await inventory.ResolveAsync(new AccountSelector { OrganizationalUnits = [Workloads] }, CancellationToken.None);
        var tagged = await inventory.ResolveAsync(new AccountSelector { Tags = new Dictionary<string, string> { ["ir-managed"] = "true" }, Exclude = ["222222222222"] }, CancellationToken.None);
        var named = await inventory.ResolveAsync(new AccountSelector { Ids = ["111111111111", "555555555555"] }, CancellationToken.None);

        workloads.Accounts.Select(a => a.Id).Should().Equal("333333333333", "444444444444");
        workloads.Accounts[0].OrganizationalUnits.Should().Equal(Workloads, Prod);
        tagged.Accounts.Select(a => a.Id).Should().Equal("333333333333", "444444444444");
        named.Accounts.Select(a => a.Id).Should().Equal("111111111111");
        named.Skipped.Should().ContainSingle().Which.Id.Should().Be("555555555555");
    }

    [Fact]
    public async Task Inventory_is_read_once_per_refresh_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var inventory = new AccountInventory(_organizations, new AccountInventoryOptions { RefreshInterval = TimeSpan.FromMinutes(5) }, time, _stack.Log.Logger);
        int Reads() => _stack.Log.Lines.Count(l => l.Contains("Read the organization", StringComparison.Ordinal));

        var first = await inventory.GetSnapshotAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        var cached = await inventory.GetSnapshotAsync(CancellationToken.None);
        var readsBeforeExpiry = Reads();
        time.Advance(TimeSpan.FromMinutes(2));
        var refreshed = await inventory.GetSnapshotAsync(CancellationToken.None);

        cached.Should().BeSameAs(first);
        readsBeforeExpiry.Should().Be(1);
        refreshed.Should().NotBeSameAs(first);
        refreshed.ReadAt.Should().Be(time.GetUtcNow());
        Reads().Should().Be(2);
    }
}
