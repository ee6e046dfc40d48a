using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Why an opened grant's ResponderRole no longer carries it (docs/grants.md, "When the role goes"): the role is
/// deleted or being deleted, it dropped its breakGlass section, or it left one of the grant's accounts. The grant
/// then ends as Revoked with this reason; the role's apply path (or the role's deletion) removes its statement.
/// </summary>
public sealed record RoleWithdrawal(string Reason, string Message)
{
    /// <param name="roleName">The grant's spec.role.</param>
    /// <param name="role">The role from the cache (listed: a missing role is deleted), or null.</param>
    /// <param name="roleAccounts">The role's accounts not being torn down, or null when its status does not list them yet.</param>
    /// <param name="targets">The accounts the grant opened.</param>
    public static RoleWithdrawal? Of(string roleName, ResponderRole? role, IReadOnlySet<string>? roleAccounts, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (role is null)
        {
            return new(GrantReasons.RoleDeleted, $"ResponderRole \"{roleName}\" was deleted");
        }
        if (role.Metadata.DeletionTimestamp is not null)
        {
            return new(GrantReasons.RoleDeleted, $"ResponderRole \"{roleName}\" is being deleted");
        }
        if (role.Spec.BreakGlass is null)
        {
            return new(GrantReasons.RoleNotBreakGlass, $"ResponderRole \"{roleName}\" no longer has a breakGlass section");
        }
        if (roleAccounts is not null && targets.Where(a => !roleAccounts.Contains(a)).ToList() is { Count: > 0 } gone)
        {
            return new(GrantReasons.AccountNotInRole, $"ResponderRole \"{roleName}\" no longer covers account {string.Join(", ", gone)}");
        }
        return null;
    }
}
