namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>An authorizer's answer: allowed or not, and the reason the server would report (may be empty).</summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason)
{
    public static AuthorizationDecision Allow(string reason) => new(true, reason);

    public static AuthorizationDecision NoOpinion(string reason) => new(false, reason);
}
