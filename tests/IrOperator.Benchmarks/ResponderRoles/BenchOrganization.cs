using IrOperator.Sandbox.Aws.Organizations;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// The organization a scenario runs against: the management account (where the operator's user lives)
/// and <c>members</c> active member accounts in one OU, each tagged <c>ir-managed=true</c>. The AWS
/// emulator seeds the provisioner role in every active member account, as deploy/aws would.
/// </summary>
internal static class BenchOrganization
{
    public const string ManagementAccountId = "100000000000";
    public const string RootId = "r-bnch";
    public const string MembersOu = "ou-bnch-members1";
    public const string SelectorTag = "ir-managed";

    public static string MemberId(int index) => $"{200000000000L + index:D12}";

    public static OrganizationModel Create(int members) => new(
        "o-iroperatorbench",
        RootId,
        ManagementAccountId,
        [new OrgUnit(MembersOu, "Members", RootId)],
        [
            Account(ManagementAccountId, "management", RootId, tagged: false),
            .. Enumerable.Range(0, members).Select(i => Account(MemberId(i), $"member-{i:D4}", MembersOu, tagged: true)),
        ]);

    private static OrgAccount Account(string id, string name, string parentId, bool tagged) => new(
        id,
        name,
        $"aws+{name}@example.com",
        parentId,
        tagged ? new Dictionary<string, string>(StringComparer.Ordinal) { [SelectorTag] = "true" } : new Dictionary<string, string>(StringComparer.Ordinal));
}
