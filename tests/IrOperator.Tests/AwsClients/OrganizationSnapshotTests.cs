using IrOperator.Aws.Inventory;

namespace IrOperator.Tests.AwsClients;

public sealed class OrganizationSnapshotTests
{
    private static readonly OrganizationSnapshot Snapshot = new(
        new[]
        {
            Account("111111111111", true, [], new() { ["role"] = "management" }),
            Account("222222222222", true, ["ou-sec"], new() { ["ir-managed"] = "true" }),
            Account("333333333333", true, ["ou-workloads", "ou-prod"], new() { ["ir-managed"] = "true", ["env"] = "prod" }),
            Account("444444444444", true, ["ou-workloads", "ou-dev"], new() { ["env"] = "dev" }),
            Account("555555555555", false, ["ou-workloads", "ou-prod"], new() { ["ir-managed"] = "true", ["env"] = "prod" }),
        }.ToDictionary(a => a.Id),
        DateTimeOffset.UnixEpoch);

    private static InventoryAccount Account(string id, bool active, string[] units, Dictionary<string, string> tags) =>
        new(id, "acct-" + id, active, active ? "ACTIVE" : "SUSPENDED", units, tags);

    public static TheoryData<string, AccountSelector, string[]> Cases => new()
    {
        { "ids", new AccountSelector { Ids = ["222222222222", "444444444444"] }, ["222222222222", "444444444444"] },
        { "an OU includes nested OUs", new AccountSelector { OrganizationalUnits = ["ou-workloads"] }, ["333333333333", "444444444444"] },
        { "a leaf OU", new AccountSelector { OrganizationalUnits = ["ou-dev"] }, ["444444444444"] },
        { "tags must all match", new AccountSelector { Tags = new Dictionary<string, string> { ["ir-managed"] = "true", ["env"] = "prod" } }, ["333333333333"] },
        { "tag values compare exactly", new AccountSelector { Tags = new Dictionary<string, string> { ["env"] = "Prod" } }, [] },
        { "criteria unite", new AccountSelector { Ids = ["111111111111"], OrganizationalUnits = ["ou-dev"], Tags = new Dictionary<string, string> { ["ir-managed"] = "true" } }, ["111111111111", "222222222222", "333333333333", "444444444444"] },
        { "exclude wins", new AccountSelector { OrganizationalUnits = ["ou-workloads"], Ids = ["333333333333"], Exclude = ["333333333333"] }, ["444444444444"] },
        { "suspended accounts are left out", new AccountSelector { OrganizationalUnits = ["ou-prod"] }, ["333333333333"] },
        { "empty selector selects nothing", new AccountSelector(), [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Selector_resolves_to_active_accounts(string name, AccountSelector selector, string[] expected)
    {
        Snapshot.Select(selector).Accounts.Select(a => a.Id).Should().Equal(expected, name);
    }

    [Fact]
    public void Named_ids_that_cannot_be_used_are_reported_with_the_reason()
    {
        var selection = Snapshot.Select(new AccountSelector { Ids = ["555555555555", "999999999999", "222222222222"] });

        selection.Accounts.Select(a => a.Id).Should().Equal("222222222222");
        selection.Skipped.Should().BeEquivalentTo(new[]
        {
            new SkippedAccount("555555555555", "account state is SUSPENDED, not ACTIVE"),
            new SkippedAccount("999999999999", "not an account of the organization"),
        });
    }

    [Fact]
    public void Accounts_matched_by_unit_or_tag_that_are_not_active_are_reported_not_selected()
    {
        var selection = Snapshot.Select(new AccountSelector { OrganizationalUnits = ["ou-prod"], Tags = new Dictionary<string, string> { ["ir-managed"] = "true" } });

        selection.Accounts.Select(a => a.Id).Should().NotContain("555555555555");
        selection.Skipped.Should().ContainSingle().Which.Should().Be(new SkippedAccount("555555555555", "account state is SUSPENDED, not ACTIVE"));
        Snapshot.Select(new AccountSelector { OrganizationalUnits = ["ou-prod"], Exclude = ["555555555555"] }).Skipped.Should().BeEmpty("an excluded account is not reported");
    }
}
