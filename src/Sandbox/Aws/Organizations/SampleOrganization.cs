namespace IrOperator.Sandbox.Aws.Organizations;

/// <summary>
/// The organization the sandbox and the tests start with:
/// <code>
/// Root (r-ir01)
/// ├── management        111111111111   env=management
/// ├── Security (ou-ir01-security)
/// │   └── security-tooling 222222222222 env=security, ir-managed=true
/// └── Workloads (ou-ir01-workloads)
///     ├── Prod (ou-ir01-prod0001)
///     │   └── prod      333333333333   env=prod, ir-managed=true
///     └── Dev (ou-ir01-dev00001)
///         ├── dev       444444444444   env=dev, ir-managed=true
///         └── legacy    555555555555   env=dev, ir-managed=true, SUSPENDED
/// </code>
/// The suspended account is there so that "only ACTIVE accounts" is observable.
/// </summary>
public static class SampleOrganization
{
    public const string OrganizationId = "o-iroperator1";
    public const string RootId = "r-ir01";
    public const string SecurityOu = "ou-ir01-security";
    public const string WorkloadsOu = "ou-ir01-workloads";
    public const string ProdOu = "ou-ir01-prod0001";
    public const string DevOu = "ou-ir01-dev00001";

    public const string ManagementAccountId = "111111111111";
    public const string SecurityToolingAccountId = "222222222222";
    public const string ProdAccountId = "333333333333";
    public const string DevAccountId = "444444444444";
    public const string LegacyAccountId = "555555555555";

    public static OrganizationModel Create() => new(
        OrganizationId,
        RootId,
        ManagementAccountId,
        [
            new OrgUnit(SecurityOu, "Security", RootId),
            new OrgUnit(WorkloadsOu, "Workloads", RootId),
            new OrgUnit(ProdOu, "Prod", WorkloadsOu),
            new OrgUnit(DevOu, "Dev", WorkloadsOu),
        ],
        [
            Account(ManagementAccountId, "management", RootId, ("env", "management")),
            Account(SecurityToolingAccountId, "security-tooling", SecurityOu, ("env", "security"), ("ir-managed", "true")),
            Account(ProdAccountId, "prod", ProdOu, ("env", "prod"), ("ir-managed", "true")),
            Account(DevAccountId, "dev", DevOu, ("env", "dev"), ("ir-managed", "true")),
            Account(LegacyAccountId, "legacy", DevOu, ("env", "dev"), ("ir-managed", "true")) with { State = "SUSPENDED" },
        ]);

    private static OrgAccount Account(string id, string name, string parentId, params (string Key, string Value)[] tags) =>
        new(id, name, $"aws+{name}@example.com", parentId, tags.ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal));
}
