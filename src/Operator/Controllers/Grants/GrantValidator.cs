using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Checks a grant against its role and the organization before anything touches AWS (docs/grants.md,
/// "Validation on arrival"). Pure: the role comes from the informer cache, the role's resolved accounts from
/// its status, the organization's accounts from the inventory. The first failing check is reported, naming
/// the field; the order is the order a requester would fix things in.
/// </summary>
public static class GrantValidator
{
    /// <param name="grant">The grant.</param>
    /// <param name="role">Its ResponderRole from the cache, or null when there is none.</param>
    /// <param name="roleAccounts">The accounts the role resolved to (status.accounts), or null before the role's first reconcile.</param>
    /// <param name="organizationAccounts">The organization's account ids, or null while the inventory is not loaded.</param>
    /// <param name="sourceIdentities">The requestedBy → sts:SourceIdentity rule.</param>
    public static GrantValidation Validate(
        BreakGlassGrant grant,
        ResponderRole? role,
        IReadOnlySet<string>? roleAccounts,
        IReadOnlySet<string>? organizationAccounts,
        SourceIdentityRule sourceIdentities)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(sourceIdentities);
        var spec = grant.Spec;

        if (role is null)
        {
            return GrantValidation.Invalid(GrantReasons.RoleNotFound, $"spec.role: ResponderRole \"{spec.Role}\" does not exist");
        }
        if (role.Spec.BreakGlass is not { } breakGlass)
        {
            return GrantValidation.Invalid(GrantReasons.RoleNotBreakGlass,
                $"spec.role: ResponderRole \"{spec.Role}\" has no breakGlass section, so it cannot be opened by a grant");
        }

        var identity = sourceIdentities.Map(spec.RequestedBy);
        if (!identity.IsValid)
        {
            return GrantValidation.Invalid(GrantReasons.InvalidRequester, identity.Error!);
        }

        if (!GoDuration.TryParse(spec.Duration, out var duration) || duration < TimeSpan.FromMinutes(1))
        {
            return GrantValidation.Invalid(GrantReasons.InvalidSpec, $"spec.duration: \"{spec.Duration}\" is not a duration of at least 1m");
        }
        var maximum = GoDuration.TryParse(breakGlass.MaxGrantDuration, out var max) ? max : TimeSpan.Zero;
        if (duration > maximum)
        {
            return GrantValidation.Invalid(GrantReasons.DurationTooLong,
                $"spec.duration: {spec.Duration} is longer than the role's breakGlass.maxGrantDuration ({breakGlass.MaxGrantDuration})");
        }

        var principal = CheckPrincipal(spec.PrincipalArn, breakGlass, organizationAccounts);
        if (principal is not null)
        {
            return principal;
        }

        if (roleAccounts is null)
        {
            return GrantValidation.Waiting(GrantReasons.WaitingForRole,
                $"waiting for ResponderRole \"{spec.Role}\" to resolve its accounts (status.accounts)");
        }
        var accounts = spec.Accounts is { Count: > 0 } asked
            ? asked.Distinct(StringComparer.Ordinal).ToList()
            : roleAccounts.Order(StringComparer.Ordinal).ToList();
        var outside = accounts.Where(a => !roleAccounts.Contains(a)).ToList();
        if (outside.Count > 0)
        {
            return GrantValidation.Invalid(GrantReasons.AccountNotInRole,
                $"spec.accounts: {string.Join(", ", outside)} {(outside.Count == 1 ? "is" : "are")} not among the accounts of ResponderRole \"{spec.Role}\"");
        }
        if (accounts.Count == 0)
        {
            return GrantValidation.Invalid(GrantReasons.AccountNotInRole,
                $"spec.accounts: ResponderRole \"{spec.Role}\" selects no account, so there is nothing to open");
        }

        return new GrantValidation(GrantValidationOutcome.Valid, GrantReasons.Requested, "the grant fits its role",
            identity.Value, accounts, duration);
    }

    private static GrantValidation? CheckPrincipal(string principalArn, BreakGlassSpec breakGlass, IReadOnlySet<string>? organizationAccounts)
    {
        if (breakGlass.AllowedPrincipals is { Count: > 0 } allowed)
        {
            return allowed.Any(pattern => ArnPattern.Covers(pattern, principalArn))
                ? null
                : GrantValidation.Invalid(GrantReasons.PrincipalNotAllowed,
                    $"spec.principalArn: {principalArn} is not allowed by the role's breakGlass.allowedPrincipals ({string.Join(", ", allowed)})");
        }

        // Default: any principal in an account of the organization; a grant cannot open a role to an outsider.
        if (organizationAccounts is null)
        {
            return GrantValidation.Waiting(GrantReasons.WaitingForInventory,
                "waiting for the organization's account inventory to check spec.principalArn (the role has no breakGlass.allowedPrincipals)");
        }
        var parts = principalArn.Split(':');
        var account = parts.Length > 4 ? parts[4] : "";
        return organizationAccounts.Contains(account)
            ? null
            : GrantValidation.Invalid(GrantReasons.PrincipalNotAllowed,
                $"spec.principalArn: account {account} is not an account of the organization, and the role has no breakGlass.allowedPrincipals that allows it");
    }
}
