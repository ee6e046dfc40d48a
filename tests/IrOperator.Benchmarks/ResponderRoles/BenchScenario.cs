namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// One scenario: <see cref="Roles"/> ResponderRoles, each selecting all <see cref="Accounts"/> member accounts.
/// <see cref="ResyncSeconds"/> (also the propagation window, so the recheck after a write) is longer than the run, so
/// no timed pass mixes into the counts: the harness starts the steady-state pass itself (see
/// <see cref="ResponderRoleHarness"/>).
/// </summary>
internal sealed record BenchScenario(string Name, int Roles, int Accounts, int ResyncSeconds)
{
    public int RoleAccounts => Roles * Accounts;

    public static BenchScenario Create(string name, int roles, int accounts, BenchSettings settings) =>
        new(name, roles, accounts, settings.ResyncSeconds);
}
