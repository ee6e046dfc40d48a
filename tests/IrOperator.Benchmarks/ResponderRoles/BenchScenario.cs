namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// One scenario: <see cref="Roles"/> ResponderRoles, each selecting all <see cref="Accounts"/> member accounts.
/// <see cref="ResyncSeconds"/> is longer than the create phase should take, so the first steady-state pass
/// starts only after every role is Ready and the create phase's counts hold only the creates.
/// </summary>
internal sealed record BenchScenario(string Name, int Roles, int Accounts, int ResyncSeconds)
{
    public int RoleAccounts => Roles * Accounts;

    public static BenchScenario Create(string name, int roles, int accounts, BenchSettings settings) =>
        new(name, roles, accounts, 15 + (int)Math.Ceiling(1.5 * roles / settings.RateLimit) + (int)Math.Ceiling(accounts * 0.05));
}
