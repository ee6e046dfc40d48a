using System.Globalization;
using IrOperator.Iam.Policies;
using IrOperator.Kube;
using IrOperator.Resources;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// The whole status of a ResponderRole computed from one reconcile's per-account outcomes (pure): the
/// accounts list, accountsReady "n/m" and the Ready / Progressing / Degraded conditions with
/// observedGeneration, as kstatus (Argo CD, Flux) reads them. lastSyncTime moves only when the role was
/// written, so a steady state writes no status either. activeGrants rides on the same write: a grant change
/// re-queues its role anyway, so the count costs no write of its own (docs/grants.md).
/// </summary>
public static class ResponderRoleStatusProjection
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";

    /// <param name="activeGrants">The grants Active on the role now (from the grant cache); null keeps the previous count.</param>
    public static ResponderRoleStatus Project(ResponderRoleStatus? previous, IReadOnlyList<AccountOutcome> outcomes, int selected, long? generation, TimeProvider time, int? activeGrants = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(time);
        var before = (previous?.Accounts ?? []).ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        var accounts = outcomes
            .Where(o => !o.Removed)
            .OrderBy(o => o.AccountId, StringComparer.Ordinal)
            .Select(o => new RoleAccountStatus
            {
                AccountId = o.AccountId,
                State = o.State,
                RoleArn = o.RoleArn ?? before.GetValueOrDefault(o.AccountId)?.RoleArn,
                Message = o.Message,
                LastSyncTime = o.SyncedAt is { } synced
                    ? Truncate(synced)
                    : before.GetValueOrDefault(o.AccountId)?.LastSyncTime ?? (o.State == RoleAccountState.Ready ? Truncate(time.GetUtcNow().UtcDateTime) : null),
            })
            .ToList();
        var ready = accounts.Count(a => a.State == RoleAccountState.Ready);
        var failed = accounts.Where(a => a.State is RoleAccountState.Error).ToList();
        var foreign = accounts.Where(a => a.State is RoleAccountState.NotOwned).ToList();
        var moving = outcomes.Where(o => o.State is RoleAccountState.Pending or RoleAccountState.Deleting || o.RecheckAfter is not null && o.Event != AccountEvent.None).ToList();
        var summary = $"{ready}/{selected} accounts ready";

        var conditions = previous?.Conditions;
        if (failed.Count == 0 && foreign.Count == 0 && ready >= selected)
        {
            conditions = Conditions.Set(conditions, Ready, Conditions.True, "AllAccountsReady", summary, generation, time);
        }
        else
        {
            var reason = failed.Count > 0 ? "AccountsFailed" : foreign.Count > 0 ? "NotOwned" : "Reconciling";
            conditions = Conditions.Set(conditions, Ready, Conditions.False, reason, $"{summary}{Detail(failed, foreign)}", generation, time);
        }
        conditions = moving.Count > 0
            ? Conditions.Set(conditions, Progressing, Conditions.True, "Reconciling", $"working on {string.Join(", ", moving.Select(o => o.AccountId).Distinct())}", generation, time)
            : Conditions.Set(conditions, Progressing, Conditions.False, "Reconciled", summary, generation, time);
        conditions = failed.Count > 0 || foreign.Count > 0
            ? Conditions.Set(conditions, Degraded, Conditions.True, failed.Count > 0 ? "AccountsFailed" : "NotOwned", Detail(failed, foreign).TrimStart(':', ' '), generation, time)
            : Conditions.Set(conditions, Degraded, Conditions.False, "NoFailures", summary, generation, time);

        return new ResponderRoleStatus
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            Accounts = accounts,
            AccountsReady = string.Create(CultureInfo.InvariantCulture, $"{ready}/{selected}"),
            ActiveGrants = activeGrants ?? previous?.ActiveGrants,
        };
    }

    /// <summary>The status of a spec that cannot be planned: Ready=False naming the field, accounts as they were.</summary>
    public static ResponderRoleStatus Invalid(ResponderRoleStatus? previous, IReadOnlyList<PolicyError> errors, long? generation, TimeProvider time, int? activeGrants = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var message = "the spec cannot be applied: " + string.Join("; ", errors.Select(e => e.ToString()));
        var conditions = Conditions.Set(previous?.Conditions, Ready, Conditions.False, "InvalidSpec", message, generation, time);
        conditions = Conditions.Set(conditions, Progressing, Conditions.False, "InvalidSpec", "waiting for the spec to be fixed", generation, time);
        conditions = Conditions.Set(conditions, Degraded, Conditions.True, "InvalidSpec", message, generation, time);
        return new ResponderRoleStatus
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            Accounts = previous?.Accounts,
            AccountsReady = previous?.AccountsReady,
            ActiveGrants = activeGrants ?? previous?.ActiveGrants,
        };
    }

    private static string Detail(List<RoleAccountStatus> failed, List<RoleAccountStatus> foreign)
    {
        var parts = failed.Select(a => $"{a.AccountId}: {a.Message}")
            .Concat(foreign.Select(a => $"{a.AccountId}: not owned"))
            .ToList();
        return parts.Count == 0 ? "" : ": " + string.Join("; ", parts);
    }

    private static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
