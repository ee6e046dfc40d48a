using IrOperator.Controllers.Grants;
using IrOperator.Resources;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The gauge behind the IrOperatorGrantOverdue alert (docs/operations.md): how long past its end a grant's access
/// is still in place, in status or in IAM.
/// </summary>
public sealed class OpsGrantOverdueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Activated = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Expires = new(2026, 11, 30, 11, 50, 0, DateTimeKind.Utc);

    public static TheoryData<string, BreakGlassGrantStatus?, double> Cases => new()
    {
        { "no status", null, 0 },
        { "pending", new() { Phase = GrantPhase.Pending }, 0 },
        { "active before its end", Status(GrantPhase.Active, expires: Now.UtcDateTime.AddMinutes(5)), 0 },
        { "active past its end", Status(GrantPhase.Active), 600 },
        { "approved past its end", Status(GrantPhase.Approved), 600 },
        { "expired, cleaned", Status(GrantPhase.Expired, ended: Expires, state: GrantAccountState.Removed), 0 },
        { "expired, statement still in IAM", Status(GrantPhase.Expired, ended: Expires, state: GrantAccountState.Removing), 600 },
        { "revoked, removal failing", Status(GrantPhase.Revoked, ended: Now.UtcDateTime.AddMinutes(-2), state: GrantAccountState.Error), 120 },
        { "denied (never opened)", new() { Phase = GrantPhase.Denied, EndedAt = Expires }, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Overdue_measures_access_outliving_its_end(string name, BreakGlassGrantStatus? status, double seconds)
    {
        var grant = new BreakGlassGrant { Metadata = new() { Name = "g", NamespaceProperty = "ns" }, Status = status };

        GrantMetrics.Overdue(grant, Now).TotalSeconds.Should().Be(seconds, name);
    }

    private static BreakGlassGrantStatus Status(GrantPhase phase, DateTime? expires = null, DateTime? ended = null, GrantAccountState state = GrantAccountState.Active) => new()
    {
        Phase = phase,
        ActivatedAt = Activated,
        ExpiresAt = expires ?? Expires,
        EndedAt = ended,
        Accounts = [new GrantAccountStatus { AccountId = "111111111111", State = state }],
    };
}
