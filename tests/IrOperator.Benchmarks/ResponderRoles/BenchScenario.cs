namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// One scenario: <see cref="Roles"/> ResponderRoles, each selecting all <see cref="Accounts"/> member accounts.
/// <see cref="ResyncSeconds"/> (also the propagation window, so the recheck after a write) is longer than the create phase should take, so the first steady-state pass
/// starts only after every role is Ready and the create phase's counts hold only the creates.
/// </summary>
internal sealed record BenchScenario(string Name, int Roles, int Accounts, int ResyncSeconds)
{
    public int RoleAccounts => Roles * Accounts;

    public static BenchScenario Create(string name, int roles, int accounts, BenchSettings settings) =>
        new(name, roles, accounts, 10 + (int)Math.Ceiling(1.3 * roles / settings.RateLimit) + (int)Math.Ceiling(accounts * 0.03) + InventorySeconds(accounts));

    /// <summary>The inventory reads each account's tags one call after another, at the shipped Organizations limit (10/s, burst 20).</summary>
    private static int InventorySeconds(int accounts) => (int)Math.Ceiling(Math.Max(0, accounts - 20) / 10.0);
}
