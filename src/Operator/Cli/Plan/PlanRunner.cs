using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers.Grants;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Resources;

namespace IrOperator.Cli.Plan;

/// <summary>
/// Steps 1 and 2 of every reconcile, on manifests from disk (docs/gitops.md): validate, resolve the accounts,
/// build each role's desired state (<see cref="DesiredRoleBuilder"/>), observe, and plan with the controller's
/// own <see cref="RolePlanner"/> (no memory of recent writes: every difference is planned). Grants are
/// checked with the grant controller's <see cref="GrantValidator"/>. Nothing is written anywhere.
/// </summary>
public static class PlanRunner
{
    public static async Task<PlanReport> RunAsync(
        ValidatedManifests head, ValidatedManifests? @base, PlanSources sources, DesiredRoleOptions options, SourceIdentityRule sourceIdentities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sourceIdentities);
        var errors = new List<PlanProblem>(head.Errors);
        var notes = new List<PlanProblem>(head.Notes);
        if (@base is not null)
        {
            // The base is what is merged already; its problems are not this change's, but say they exist.
            notes.AddRange(@base.Errors.Select(e => e with { Message = "(base) " + e.Message }));
        }

        OrganizationSnapshot? organization = null;
        if (sources.Organization is not null)
        {
            try
            {
                organization = await sources.Organization(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                errors.Add(new PlanProblem("(organization)", 0, null, null, "", $"the organization could not be read: {e.Action} failed with {e.ErrorCode}: {e.AwsMessage}"));
                return new PlanReport(sources.Mode, errors, notes, [], []);
            }
        }

        // The base's desired state per (account, IAM role name): what the head is compared with.
        var baseRoles = new Dictionary<(string Account, string RoleName), ObservedRole>();
        var baseByName = new Dictionary<string, (ManifestDocument Document, ResponderRole Role, IReadOnlyList<string> Accounts)>(StringComparer.Ordinal);
        foreach (var (document, role) in @base?.Roles ?? [])
        {
            if (Resolve(document, role, organization, []) is not { } selection || DesiredRoleBuilder.Build(role, RoleAccess.None, options).Role is not { } desired)
            {
                continue;
            }

            var accounts = selection.Accounts.Select(a => a.Id).ToList();
            baseByName[role.Metadata.Name] = (document, role, accounts);
            foreach (var account in accounts)
            {
                // Each account's own build: its boundary resolved there (docs/responder-roles.md, "Permissions boundary").
                baseRoles[(account, desired.RoleName)] = BaseState.Observed(DesiredRoleBuilder.Build(role, RoleAccess.None, options with { AccountId = account }).Role!, account);
            }
        }

        Task<ObservedRole?> Observe(string account, string roleName, CancellationToken ct) =>
            @base is null ? sources.Observe(account, roleName, ct) : Task.FromResult(baseRoles.GetValueOrDefault((account, roleName)));

        var reports = new List<RolePlanReport>();
        var resolved = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (document, role) in head.Roles)
        {
            var roleErrors = new List<PlanProblem>();
            if (Resolve(document, role, organization, roleErrors) is not { } selection)
            {
                errors.AddRange(roleErrors);
                continue;
            }

            resolved[role.Metadata.Name] = selection.Accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            var desired = DesiredRoleBuilder.Build(role, RoleAccess.None, options).Role!;
            var accounts = new List<AccountPlan>();
            foreach (var account in selection.Accounts)
            {
                var inAccount = DesiredRoleBuilder.Build(role, RoleAccess.None, options with { AccountId = account.Id }).Role!;
                accounts.Add(await PlanAccountAsync(account.Id, inAccount, Observe, cancellationToken).ConfigureAwait(false));
            }

            // Accounts the base selected and the head no longer does: the operator removes the role there.
            if (baseByName.TryGetValue(role.Metadata.Name, out var previous))
            {
                foreach (var gone in previous.Accounts.Where(a => !resolved[role.Metadata.Name].Contains(a)))
                {
                    accounts.Add(new AccountPlan(gone, RolePlanner.PlanDeletion(desired.RoleName, desired.Owner, baseRoles.GetValueOrDefault((gone, desired.RoleName)), role.Spec.DeletionPolicy)));
                }
            }

            errors.AddRange(accounts.Where(a => a.Error is not null).Select(a => document.Problem("", $"account {a.AccountId}: {a.Error}")));
            reports.Add(new RolePlanReport(document.File, document.Index, role.Metadata.Name, desired.RoleName, desired.Path, accounts, selection.Skipped));
        }

        // Roles only in the base: deleted by this change. A role still in the head with an error is not deleted, only invalid.
        var headNames = head.Roles.Select(r => r.Role.Metadata.Name)
            .Concat(head.Errors.Where(e => e.Kind == IrOperatorApi.ResponderRoleKind && e.Name is not null).Select(e => e.Name!))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, (document, role, accounts)) in baseByName.Where(pair => !headNames.Contains(pair.Key)).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var owner = RoleOwner.ForResponderRole(name, options.ClusterId);
            var plans = accounts.Select(account => new AccountPlan(account,
                RolePlanner.PlanDeletion(role.IamRoleName, owner, baseRoles.GetValueOrDefault((account, role.IamRoleName)), role.Spec.DeletionPolicy))).ToList();
            reports.Add(new RolePlanReport(document.File, document.Index, name, role.IamRoleName, role.Spec.Path, plans, [], Removed: true));
        }

        var grants = new List<GrantCheck>();
        foreach (var (document, grant) in head.Grants)
        {
            var check = CheckGrant(document, grant, head, resolved, organization, sourceIdentities);
            grants.Add(check);
            if (check.Outcome == nameof(GrantValidationOutcome.Invalid))
            {
                var (field, message) = SplitField(check.Message);
                errors.Add(document.Problem(field, message));
            }
        }

        return new PlanReport(sources.Mode, errors, notes, reports, grants);
    }

    private static async Task<AccountPlan> PlanAccountAsync(
        string account, DesiredRole desired, Func<string, string, CancellationToken, Task<ObservedRole?>> observe, CancellationToken cancellationToken)
    {
        try
        {
            var observed = await observe(account, desired.RoleName, cancellationToken).ConfigureAwait(false);
            return new AccountPlan(account, RolePlanner.Plan(GrantOwnedState.Keep(desired, observed), observed));
        }
        catch (AwsServiceException e)
        {
            return new AccountPlan(account, null, $"IAM could not be read: {e.Service}:{e.Action} failed with {e.ErrorCode}: {e.AwsMessage}");
        }
    }

    /// <summary>The role's accounts, as the reconciler resolves them; without an organization only listed ids resolve.</summary>
    private static AccountSelection? Resolve(ManifestDocument document, ResponderRole role, OrganizationSnapshot? organization, List<PlanProblem> errors)
    {
        var selector = ResponderRoleReconciler.Selector(role.Spec.Accounts);
        if (organization is not null)
        {
            return organization.Select(selector);
        }

        if (selector.OrganizationalUnits.Count > 0 || selector.Tags.Count > 0)
        {
            var field = selector.OrganizationalUnits.Count > 0 ? "spec.accounts.organizationalUnits" : "spec.accounts.tags";
            errors.Add(document.Problem(field, "resolving it needs the organization: pass --accounts <file> or --live"));
            return null;
        }

        var excluded = selector.Exclude.ToHashSet(StringComparer.Ordinal);
        var accounts = selector.Ids.Distinct(StringComparer.Ordinal).Where(id => !excluded.Contains(id)).Order(StringComparer.Ordinal)
            .Select(id => new InventoryAccount(id, id, true, "ACTIVE", [], new Dictionary<string, string>()))
            .ToList();
        return new AccountSelection(accounts, []);
    }

    private static GrantCheck CheckGrant(
        ManifestDocument document, BreakGlassGrant grant, ValidatedManifests head, Dictionary<string, IReadOnlySet<string>> resolved,
        OrganizationSnapshot? organization, SourceIdentityRule sourceIdentities)
    {
        var roleName = grant.Spec.Role;
        var role = head.Roles.Select(r => r.Role).FirstOrDefault(r => r.Metadata.Name == roleName);
        if (role is null)
        {
            return new GrantCheck(document.File, document.Index, document.Namespace, document.Name!, roleName, "Unchecked",
                $"ResponderRole \"{roleName}\" is not among the manifests; the checks against the role were skipped (pass its manifest too)");
        }

        var organizationAccounts = organization?.Accounts.Keys.ToHashSet(StringComparer.Ordinal);
        var validation = GrantValidator.Validate(grant, role, resolved.GetValueOrDefault(roleName), organizationAccounts, sourceIdentities);
        return new GrantCheck(document.File, document.Index, document.Namespace, document.Name!, roleName, validation.Outcome.ToString(), validation.Message);
    }

    /// <summary>The grant checks' messages start with the field (<c>spec.duration: ...</c>).</summary>
    private static (string Field, string Message) SplitField(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return message.StartsWith("spec.", StringComparison.Ordinal) && colon > 0 ? (message[..colon], message[(colon + 2)..]) : ("", message);
    }
}
