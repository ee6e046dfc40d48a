namespace IrOperator.Controllers.Grants;

/// <summary>
/// Role chaining: a principal that is itself an IAM role (Identity Center permission sets are roles) assumes the
/// responder role from a role session, and STS caps such sessions at one hour whatever the role's
/// maxSessionDuration ("Role chaining", IAM User Guide, id_roles_terms-and-concepts). Said in the grant's status.
/// </summary>
public static class RoleChaining
{
    public static bool Applies(string principalArn) =>
        principalArn.Split(':', 6) is [_, _, _, _, _, var resource] && resource.StartsWith("role/", StringComparison.Ordinal);

    public static string Message(string principalArn) =>
        $"{principalArn} is an IAM role, so assuming the responder role from it is role chaining: STS caps each session at 1 hour " +
        "(re-run the assume-role command for more time within the grant)";
}
