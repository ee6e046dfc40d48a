using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers.Grants;
using IrOperator.Hosting;
using IrOperator.Iam.Desired;
using IrOperator.Kube;
using IrOperator.Resources;
using Serilog;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// Keeps a ResponderRole's IAM role in every selected account (docs/responder-roles.md): validate the spec
/// before any call; resolve the accounts through the inventory; per account, in parallel up to a bound,
/// read, plan and apply under the (account, role) lock; remove the role from accounts that left the
/// selection; write the whole status as a projection and one Event per account that changed. Deletion runs
/// under the finalizer per deletionPolicy. Comes back every resync interval to correct drift.
/// </summary>
public sealed class ResponderRoleReconciler(
    OperatorContext context,
    AccountInventory inventory,
    AccountSync sync,
    ResponderRoleOptions options,
    Func<IReadOnlyCollection<BreakGlassGrant>> grants,
    GrantAccessLedger ledger,
    Action<string, TimeSpan>? accessEnds = null) : IReconciler<ResponderRole>
{
    private readonly ILogger _log = context.Log.ForContext<ResponderRoleReconciler>();

    public async Task<ReconcileResult> ReconcileAsync(ResponderRole resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (await context.Finalizers.FinalizeAsync(ResponderRoleController.Kind, resource, IrOperatorApi.Finalizer, CleanupAsync, cancellationToken).ConfigureAwait(false) is { } deleting)
        {
            return deleting;
        }

        // The generation this reconcile acts on: the status says so even when written after a newer spec arrived.
        var generation = resource.Metadata.Generation;
        var built = DesiredRoleBuilder.Build(resource, AccessOf(resource), DesiredOptions());
        if (!built.IsValid)
        {
            var errors = built.Errors;
            // Bad input is reported before any AWS call; the next change of the object reconciles again.
            var activeNow = ActiveGrants(resource);
            await context.Status.UpdateAsync<ResponderRole, ResponderRoleStatus>(ResponderRoleController.Kind, resource, r => ResponderRoleStatusProjection.Invalid(r.Status, errors, generation, context.Time, activeNow), cancellationToken).ConfigureAwait(false);
            await context.Events.RecordAsync(resource, EventRecorder.Warning, "InvalidSpec", string.Join("; ", errors.Select(e => e.ToString())), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Terminal($"invalid spec: {errors[0]}");
        }

        resource = await context.Finalizers.EnsureAsync(ResponderRoleController.Kind, resource, IrOperatorApi.Finalizer, cancellationToken).ConfigureAwait(false);
        AccountSelection selection;
        try
        {
            selection = await inventory.ResolveAsync(Selector(resource.Spec.Accounts), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            // Without the organization we cannot tell which accounts to touch: change nothing, say why, retry.
            var message = $"the organization could not be read: {e.Action} failed with {e.ErrorCode}";
            await context.Status.UpdateAsync<ResponderRole, ResponderRoleStatus>(ResponderRoleController.Kind, resource, r => Unknown(r, message), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Retry(e);
        }

        var specChanged = resource.Status?.ObservedGeneration != resource.Metadata.Generation;
        var previous = (resource.Status?.Accounts ?? []).ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        var selected = selection.Accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var snapshot = await inventory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        // Ending access is not left to the grant's status write: this role looks again, as urgent work, the moment the
        // first grant it holds ends (docs/grants.md, "Ending access on time").
        ScheduleAccessEnds(resource, selection);

        var work = new List<Func<CancellationToken, Task<AccountOutcome>>>();
        foreach (var account in selection.Accounts)
        {
            var accountChanged = specChanged || previous.GetValueOrDefault(account.Id)?.State != RoleAccountState.Ready;
            var id = account.Id;
            work.Add(ct => ApplyAsync(resource, built.Role, id, accountChanged, ct));
        }
        var outcomes = new List<AccountOutcome>();
        foreach (var skipped in selection.Skipped)
        {
            outcomes.Add(Skipped(skipped, snapshot, previous));
        }
        foreach (var gone in previous.Values.Where(a => !selected.Contains(a.AccountId) && selection.Skipped.All(s => s.Id != a.AccountId)))
        {
            if (snapshot.Accounts.TryGetValue(gone.AccountId, out var known) && !known.IsActive)
            {
                // Suspended (or closing): it cannot be reached, and it is not a failure. Only an account where the
                // role was written stays listed (its role may remain); one never reached is simply dropped.
                outcomes.Add(gone.RoleArn is null
                    ? new AccountOutcome(gone.AccountId, RoleAccountState.Suspended, null, "") { Removed = true }
                    : new AccountOutcome(gone.AccountId, RoleAccountState.Suspended, gone.RoleArn, $"left the selection while {known.State}: the role could not be removed and may remain"));
            }
            else if (gone.State is RoleAccountState.NotOwned or RoleAccountState.Suspended)
            {
                // Never ours, or never reached: nothing to remove.
                outcomes.Add(new AccountOutcome(gone.AccountId, gone.State, gone.RoleArn, "") { Removed = true });
            }
            else
            {
                work.Add(ct => TeardownAsync(resource, gone, ct));
            }
        }
        outcomes.AddRange(await RunBoundedAsync(work, cancellationToken).ConfigureAwait(false));

        var active = ActiveGrants(resource);
        await context.Status.UpdateAsync<ResponderRole, ResponderRoleStatus>(
            ResponderRoleController.Kind, resource,
            r => ResponderRoleStatusProjection.Project(r.Status, outcomes, selection.Accounts.Count, generation, context.Time, active),
            cancellationToken).ConfigureAwait(false);
        await RecordEventsAsync(resource, outcomes, cancellationToken).ConfigureAwait(false);
        return Next(outcomes);
    }

    /// <summary>Schedules the role, as urgent work, at the first end among the grants its trust holds in any selected account.</summary>
    private void ScheduleAccessEnds(ResponderRole resource, AccountSelection selection)
    {
        if (accessEnds is null)
        {
            return;
        }
        var now = context.Time.GetUtcNow();
        var all = grants();
        var next = selection.Accounts
            .Select(a => AccessEnds.Next(RoleGrantAccessBuilder.Build(resource, a.Id, all, now, DesiredOptions(), ledger.InTrust(resource.Metadata.Name, a.Id)).Access))
            .Min();
        if (next is { } end)
        {
            accessEnds(resource.Metadata.Name, end - now);
        }
    }

    private async Task<ReconcileResult> CleanupAsync(ResponderRole resource, CancellationToken cancellationToken)
    {
        var accounts = (resource.Status?.Accounts ?? [])
            .Where(a => a.State is not (RoleAccountState.NotOwned or RoleAccountState.Suspended))
            .ToList();
        var work = accounts.Select(a => (Func<CancellationToken, Task<AccountOutcome>>)(ct => TeardownAsync(resource, a, ct))).ToList();
        var outcomes = await RunBoundedAsync(work, cancellationToken).ConfigureAwait(false);
        await RecordEventsAsync(resource, outcomes, cancellationToken).ConfigureAwait(false);
        var failed = outcomes.Where(o => !o.Removed).ToList();
        if (failed.Count == 0)
        {
            return ReconcileResult.Done;
        }
        // Keep the finalizer and the accounts still to clean up; retried with backoff.
        await context.Status.UpdateAsync<ResponderRole, ResponderRoleStatus>(
            ResponderRoleController.Kind, resource,
            r => ResponderRoleStatusProjection.Project(r.Status, failed, 0, resource.Metadata.Generation, context.Time),
            cancellationToken).ConfigureAwait(false);
        if (failed.All(f => f.RecheckAfter is not null))
        {
            return ReconcileResult.RequeueAfter(failed.Min(f => f.RecheckAfter!.Value));
        }
        return ReconcileResult.Retry(new InvalidOperationException($"deleting the IAM role failed in {string.Join(", ", failed.Select(f => $"{f.AccountId} ({f.ErrorCode})"))}"));
    }

    /// <summary>
    /// One account's read-plan-apply with the grants open there (docs/grants.md, "One writer per role"), reported to
    /// the grants. When IAM refuses the trust policy for what it says (MalformedPolicyDocument, LimitExceeded), the
    /// grant whose statement made it refuse is found by writing again without the newest grant statements IAM does
    /// not show yet, one at a time: the statement whose removal lets IAM take the document is that grant's. It is
    /// recorded in the ledger, left out from then on, and fails; the other grants are written (docs/grants.md,
    /// "IAM refusals").
    /// </summary>
    private async Task<AccountOutcome> ApplyAsync(ResponderRole resource, DesiredRole validated, string account, bool accountChanged, CancellationToken cancellationToken)
    {
        var name = resource.Metadata.Name;
        // The spec alone in this account: its boundary resolved there (docs/responder-roles.md, "Permissions boundary").
        var specOnly = DesiredRoleBuilder.Build(resource, RoleAccess.None, DesiredOptions(account)).Role ?? validated;
        var all = grants();
        var access = BuildAccess(resource, account, all);
        var left = new List<GrantTrust>();
        string? refusal = null;
        while (true)
        {
            var tried = left.Count == 0 ? access.Access : access.Access with { Grants = [.. access.Access.Grants.Where(g => !left.Contains(g))] };
            var withGrants = DesiredRoleBuilder.Build(resource, tried, DesiredOptions(account));
            var desired = withGrants.IsValid ? withGrants.Role : specOnly;
            var accessKey = AccessKey(tried);
            // A grant opening or closing changes the documents: an update, not drift made outside the operator.
            var grantsChanged = ledger.AccessKey(name, account) is { } last ? last != accessKey : accessKey != AccessKey(RoleAccess.None);
            var outcome = await sync.SyncAsync(account, desired, accountChanged || grantsChanged, cancellationToken).ConfigureAwait(false);
            if (IsTrustRefusal(outcome) && left.Count < MaxRefusalProbes
                && tried.Grants.LastOrDefault(g => outcome.VisibleTrustSids?.Contains(g.Sid) == false) is { } newest)
            {
                _log.Information("Role {Role} in {Account}: IAM refused the trust policy ({ErrorCode}); writing it again without grant statement {Sid} to find the grant it refuses",
                    name, account, outcome.ErrorCode, newest.Sid);
                refusal = outcome.Message;
                left.Add(newest);
                continue;
            }
            if (left.Count > 0 && outcome.ErrorCode is null)
            {
                // Taken without the last statement left out: that grant's statement is what IAM refused. The
                // statements left out before it were not tried; the next apply writes them.
                var culprit = left[^1];
                ledger.Refuse(name, account, culprit.GrantUid,
                    $"IAM refused the role's trust policy with this grant's statement: {refusal}. The other grants of the role are untouched");
                _log.Warning("Role {Role} in {Account}: IAM refuses grant statement {Sid} ({Refusal}); the grant fails, the other grants are written without it",
                    name, account, culprit.Sid, refusal);
                access = BuildAccess(resource, account, all);
            }
            // Otherwise, refused even without the statements IAM does not show yet (or after the probes allowed): the
            // role's own document is at fault, no grant is blamed, and every open grant there reads the error (retried).
            ledger.Report(name, account, new RoleApplyReport(
                outcome.VisibleTrustSids ?? ledger.Visible(name, account),
                outcome.WrittenTrustSids ?? new HashSet<string>(StringComparer.Ordinal),
                access.Rejected,
                outcome.ErrorCode is null ? null : outcome.Message)
            {
                AccessKey = accessKey,
            });
            return outcome;
        }
    }

    /// <summary>Writes IAM may refuse because of what a grant statement says, so a grant can be blamed.</summary>
    private static bool IsTrustRefusal(AccountOutcome outcome) =>
        outcome.ErrorCode is AwsErrorCodes.MalformedPolicyDocument or AwsErrorCodes.LimitExceeded
        && outcome.FailedAction is "UpdateAssumeRolePolicy" or "CreateRole";

    /// <summary>Statements left out, one at a time, while looking for the grant IAM refuses: a bound on the extra writes.</summary>
    private const int MaxRefusalProbes = 4;

    /// <summary>
    /// The grants' part of this account's desired state, from the grant cache (docs/grants.md): the trust statements
    /// of the open grants that fit and IAM has not refused, the requesters' end-of-access denies.
    /// </summary>
    private RoleGrantAccess BuildAccess(ResponderRole resource, string account, IReadOnlyCollection<BreakGlassGrant> all) =>
        RoleGrantAccessBuilder.Build(resource, account, all, context.Time.GetUtcNow(), DesiredOptions(account),
            ledger.InTrust(resource.Metadata.Name, account), ledger.Refused(resource.Metadata.Name, account));

    /// <summary>
    /// Removes the role from one account (deleted, or left the selection) and tells the grants: once the IAM role is
    /// gone or released, no grant statement of this role is there any more. A role kept in place (deletionPolicy
    /// Retain) is first written without any grant statement and with every requester's deny ending now, so the
    /// role left behind opens nothing (docs/grants.md, "When the role goes").
    /// </summary>
    private async Task<AccountOutcome> TeardownAsync(ResponderRole resource, RoleAccountStatus account, CancellationToken cancellationToken)
    {
        var name = resource.Metadata.Name;
        if (resource.Spec.DeletionPolicy == DeletionPolicy.Retain && account.State is not RoleAccountState.NotOwned
            && (ledger.InTrust(name, account.AccountId).Any(sid => sid.StartsWith("IrGrant", StringComparison.Ordinal))
                || grants().Any(g => g.Spec.Role == name && RoleGrantAccessBuilder.EndOf(g) is not null)))
        {
            var closing = DesiredRoleBuilder.Build(resource, RoleGrantAccessBuilder.Closing(resource, account.AccountId, grants(), context.Time.GetUtcNow()), DesiredOptions(account.AccountId));
            if (closing.IsValid)
            {
                var closed = await sync.SyncAsync(account.AccountId, closing.Role, specChanged: true, cancellationToken).ConfigureAwait(false);
                if (closed.ErrorCode is not null)
                {
                    // The grants' statements may still be there: do not let the role go yet; retried.
                    return closed;
                }
            }
        }
        var outcome = await sync.TeardownAsync(account.AccountId, resource.IamRoleName, Owner(resource), resource.Spec.DeletionPolicy, LastWritten(account), cancellationToken).ConfigureAwait(false);
        if (outcome.Removed)
        {
            ledger.Forget(name, account.AccountId);
        }
        return outcome;
    }

    /// <summary>The grants Active on the role now, from the grant cache (status.activeGrants).</summary>
    private int ActiveGrants(ResponderRole resource) =>
        grants().Count(g => g.Spec.Role == resource.Metadata.Name && g.Status?.Phase == GrantPhase.Active);

    private static DateTimeOffset? LastWritten(RoleAccountStatus account) =>
        account.LastSyncTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;

    private async Task<IReadOnlyList<AccountOutcome>> RunBoundedAsync(List<Func<CancellationToken, Task<AccountOutcome>>> work, CancellationToken cancellationToken)
    {
        var results = new AccountOutcome[work.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelAccounts, CancellationToken = cancellationToken },
            async (index, ct) => results[index] = await work[index](ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private async Task RecordEventsAsync(ResponderRole resource, IEnumerable<AccountOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var outcome in outcomes.Where(o => o.Event != AccountEvent.None))
        {
            var warning = outcome.Event is AccountEvent.DriftCorrected or AccountEvent.AccountFailed or AccountEvent.NotOwned;
            var what = outcome.Event switch
            {
                AccountEvent.Created => $"Created IAM role {resource.IamRoleName} in account {outcome.AccountId}",
                AccountEvent.Updated => $"Updated IAM role {resource.IamRoleName} in account {outcome.AccountId}",
                AccountEvent.DriftCorrected => $"Corrected drift made outside the operator on IAM role {resource.IamRoleName} in account {outcome.AccountId}",
                AccountEvent.Deleted => $"Deleted IAM role {resource.IamRoleName} in account {outcome.AccountId}",
                AccountEvent.Retained => $"Released IAM role {resource.IamRoleName} in account {outcome.AccountId}",
                AccountEvent.NotOwned => $"IAM role {resource.IamRoleName} in account {outcome.AccountId} is not managed by this ResponderRole; left untouched",
                _ => $"IAM role {resource.IamRoleName} in account {outcome.AccountId} failed with {outcome.ErrorCode}",
            };
            var message = outcome.Changes.Count == 0 ? what : $"{what}: {string.Join("; ", outcome.Changes)}";
            await context.Events.RecordAsync(resource, warning ? EventRecorder.Warning : EventRecorder.Normal, outcome.Event.ToString(), message, cancellationToken).ConfigureAwait(false);
        }
    }

    private ReconcileResult Next(IReadOnlyList<AccountOutcome> outcomes)
    {
        var retryable = outcomes.Where(o => o.Retryable && o.RecheckAfter is null).ToList();
        if (retryable.Count > 0)
        {
            // Backoff for transient AWS failures; the accounts that succeeded are not rewritten (empty plans).
            return ReconcileResult.Retry(new InvalidOperationException($"retryable AWS failures in {string.Join(", ", retryable.Select(o => $"{o.AccountId} ({o.ErrorCode})"))}"));
        }
        // Accounts waiting out IAM's propagation are re-checked when due; the rest wait for the periodic resync.
        var soonest = outcomes.Select(o => o.RecheckAfter).Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(options.ResyncInterval).Min();
        return soonest < options.ResyncInterval ? ReconcileResult.RequeueAfter(soonest) : ReconcileResult.Done;
    }

    /// <summary>
    /// The spec alone, to validate it before any call; each account's desired state adds the grants open there
    /// (<see cref="RoleGrantAccessBuilder"/>), so the one apply path writes standing and grant trust together.
    /// </summary>
    private static RoleAccess AccessOf(ResponderRole resource) => RoleAccess.None;

    private static string AccessKey(RoleAccess access) =>
        string.Join(",", access.Grants.Select(g => $"{g.Sid}@{g.ActivatedAt:O}-{g.ExpiresAt:O}").Order(StringComparer.Ordinal))
        + ";" + string.Join(",", access.Ends.Select(e => $"{e.Sid}@{e.End:O}").Order(StringComparer.Ordinal));

    /// <summary>The builder's settings; with the account when the result is written there (its boundary is resolved for it).</summary>
    private DesiredRoleOptions DesiredOptions(string? account = null) =>
        new() { ClusterId = options.ClusterId, DefaultPermissionsBoundary = options.DefaultPermissionsBoundary, AccountId = account };

    private RoleOwner Owner(ResponderRole resource) => RoleOwner.ForResponderRole(resource.Metadata.Name, options.ClusterId);

    private ResponderRoleStatus Unknown(ResponderRole resource, string message)
    {
        var conditions = Conditions.Set(resource.Status?.Conditions, ResponderRoleStatusProjection.Ready, Conditions.False, "InventoryUnavailable", message, resource.Metadata.Generation, context.Time);
        conditions = Conditions.Set(conditions, ResponderRoleStatusProjection.Degraded, Conditions.True, "InventoryUnavailable", message, resource.Metadata.Generation, context.Time);
        return new ResponderRoleStatus
        {
            ObservedGeneration = resource.Metadata.Generation,
            Conditions = conditions,
            Accounts = resource.Status?.Accounts,
            AccountsReady = resource.Status?.AccountsReady,
            ActiveGrants = resource.Status?.ActiveGrants,
        };
    }

    private static AccountOutcome Skipped(SkippedAccount skipped, OrganizationSnapshot snapshot, Dictionary<string, RoleAccountStatus> previous) =>
        snapshot.Accounts.TryGetValue(skipped.Id, out var account) && !account.IsActive
            ? new AccountOutcome(skipped.Id, RoleAccountState.Suspended, previous.GetValueOrDefault(skipped.Id)?.RoleArn, skipped.Reason)
            : new AccountOutcome(skipped.Id, RoleAccountState.Error, null, $"spec.accounts.ids: {skipped.Id} is {skipped.Reason}");

    internal static IrOperator.Aws.Inventory.AccountSelector Selector(IrOperator.Resources.AccountSelector spec) => new()
    {
        Ids = spec.Ids?.ToList() ?? [],
        OrganizationalUnits = spec.OrganizationalUnits?.ToList() ?? [],
        Tags = spec.Tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(spec.Tags),
        Exclude = spec.Exclude?.ToList() ?? [],
    };
}
