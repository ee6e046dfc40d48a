using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// What the lifecycle decided: the phase, the reason and message (condition and event text), the times, when
/// to look again, and whether the grant's retention is over so it is deleted. <see cref="Rule"/> names the rule
/// that fired, for logs and tests.
/// </summary>
public sealed record GrantDecision(
    string Rule,
    GrantPhase Phase,
    string Reason,
    string Message,
    DateTimeOffset? ActivatedAt = null,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? EndedAt = null,
    DateTimeOffset? RequeueAt = null,
    bool Delete = false)
{
    /// <summary>True for the phases a grant never leaves.</summary>
    public bool IsFinished => GrantLifecycle.IsFinished(Phase);
}
