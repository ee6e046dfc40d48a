namespace IrOperator.Controllers.Grants;

/// <summary>An active grant the role's documents have no room for in one account, and why (the grant then fails).</summary>
public sealed record RejectedGrant(string GrantUid, string Namespace, string Name, string Message);
