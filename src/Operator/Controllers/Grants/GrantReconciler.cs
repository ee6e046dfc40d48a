using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using k8s;
using Serilog;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Decides a BreakGlassGrant's phase and times and records them (docs/grants.md): gathers the role from the
/// cache, the organization's accounts and what the role's apply path reported per account
/// (<see cref="GrantAccessLedger"/>); runs the lifecycle chain; writes the whole status as a projection when it
/// differs; records each access-log entry as an Event and an audit line; requeues at expiresAt. It never writes
/// IAM: the role's one apply path reads the grant's status from the cache and writes the statements.
/// A finished grant is deleted when its retention ends; deletion waits on the finalizer until every account
/// reports the statement gone.
/// </summary>
public sealed class GrantReconciler(OperatorContext context, GrantInputs inputs, GrantAccessLedger ledger, GrantOptions options) : IReconciler<BreakGlassGrant>
{
    private readonly ILogger _log = context.Log.ForContext<GrantReconciler>();
    private readonly ILogger _audit = context.Log.ForContext("Audit", true);
    private readonly SourceIdentityRule _sourceIdentities = options.SourceIdentityRule();

    public async Task<ReconcileResult> ReconcileAsync(BreakGlassGrant resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (inputs.RolesSynced is { } rolesSynced)
        {
            await rolesSynced(cancellationToken).ConfigureAwait(false);
        }
        var role = inputs.Role(resource.Spec.Role);
        var organization = await inputs.OrganizationAccounts(cancellationToken).ConfigureAwait(false);
        var approvalPolicy = inputs.ApprovalPolicy is { } check && !GrantLifecycle.IsFinished(resource.Status?.Phase)
            ? await check(cancellationToken).ConfigureAwait(false)
            : null;
        if (!Finalizers.IsDeleting(resource) && !GrantLifecycle.IsFinished(resource.Status?.Phase))
        {
            resource = await context.Finalizers.EnsureAsync(GrantController.Kind, resource, IrOperatorApi.Finalizer, cancellationToken).ConfigureAwait(false);
        }

        var before = resource.Status;
        var step = Step(resource, role, organization, approvalPolicy);
        resource = await context.Status.UpdateAsync<BreakGlassGrant, BreakGlassGrantStatus>(GrantController.Kind, resource, current =>
        {
            // Recomputed from the object the write is based on, so a conflict retry decides on fresh annotations.
            step = Step(current, role, organization, approvalPolicy);
            return step.Status;
        }, cancellationToken).ConfigureAwait(false);

        await RecordAsync(resource, before, step.Status, step.Facts, cancellationToken).ConfigureAwait(false);
        var decision = step.Decision;
        _log.Debug("Grant {Grant}: {Rule} -> {Phase} ({Reason}) {Message}", ObjectKey.Of(resource.Metadata).ToString(), decision.Rule, decision.Phase, decision.Reason, decision.Message);

        if (Finalizers.IsDeleting(resource))
        {
            // Revoked by deletion: the role's apply path removes the statement; the object (and with it the
            // requester's end-of-access deny, computed from the grants in the cache) stays until it may go.
            return await context.Finalizers.FinalizeAsync(GrantController.Kind, resource, IrOperatorApi.Finalizer,
                (_, _) => Task.FromResult(MayGo(resource, step.Status, role) is { } wait ? ReconcileResult.RequeueAfter(wait) : ReconcileResult.Done),
                cancellationToken).ConfigureAwait(false) ?? ReconcileResult.Done;
        }
        if (decision.Delete)
        {
            _log.Information("Grant {Grant} finished at {EndedAt}; deleting it after its retention of {Retention}", ObjectKey.Of(resource.Metadata).ToString(), decision.EndedAt, options.Retention);
            try
            {
                await context.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version,
                    resource.Metadata.NamespaceProperty, IrOperatorApi.BreakGlassGrantPlural, resource.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CustomObjectClient.IsNotFound(e))
            {
                // Already gone: deleted by someone else, which is what retention wanted.
            }
            return ReconcileResult.Done;
        }
        if (decision.IsFinished && Finalizers.Has(resource, IrOperatorApi.Finalizer))
        {
            if (MayGo(resource, step.Status, role) is { } wait)
            {
                var retention = decision.RequeueAt is { } at ? Max(at - context.Time.GetUtcNow()) : wait;
                return ReconcileResult.RequeueAfter(retention < wait ? retention : wait);
            }
            await context.Finalizers.RemoveAsync(GrantController.Kind, resource, IrOperatorApi.Finalizer, cancellationToken).ConfigureAwait(false);
        }
        return decision.RequeueAt is { } next ? ReconcileResult.RequeueAfter(Max(next - context.Time.GetUtcNow())) : ReconcileResult.Done;
    }

    /// <summary>
    /// Null when the grant object may go: every account reports its statement gone, and its requester's deny is no
    /// longer needed (the role's maxSessionDuration has passed since the end). Otherwise how long to wait; while
    /// statements remain, the ledger's next report re-queues the grant sooner.
    /// </summary>
    private TimeSpan? MayGo(BreakGlassGrant grant, BreakGlassGrantStatus status, ResponderRole? role)
    {
        if (status.ActivatedAt is null)
        {
            return null;
        }
        if (!GrantEvents.IsClean(status))
        {
            return TimeSpan.FromSeconds(30);
        }
        var projected = new BreakGlassGrant { Metadata = grant.Metadata, Spec = grant.Spec, Status = status };
        var until = RoleGrantAccessBuilder.DenyNeededUntil(projected, role);
        var left = until - context.Time.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    private static TimeSpan Max(TimeSpan delay) => delay > TimeSpan.Zero ? delay : TimeSpan.Zero;

    /// <summary>The whole decision for one grant, pure given the ledger's current reports.</summary>
    public (GrantFacts Facts, GrantDecision Decision, BreakGlassGrantStatus Status) Step(
        BreakGlassGrant grant, ResponderRole? role, IReadOnlySet<string>? organization, ApprovalPolicyCheck? approvalPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = context.Time.GetUtcNow();
        var roleAccounts = role?.Status?.Accounts is { } listed
            ? listed.Where(a => a.State != RoleAccountState.Deleting).Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal)
            : null;
        var validation = GrantValidator.Validate(grant, role, roleAccounts, organization, _sourceIdentities);
        var tally = role?.Spec.BreakGlass is { } breakGlass
            ? ApprovalCounter.Count(grant.Metadata.Annotations, grant.Spec.RequestedBy, breakGlass, grant.Status?.Approvals, now)
            : null;
        var open = RoleGrantAccessBuilder.IsOpen(grant, now);
        var accounts = (grant.Status?.Accounts?.Select(a => a.AccountId) ?? validation.Accounts ?? [])
            .ToDictionary(a => a, a => ledger.Observe(grant.Spec.Role, a, grant.Metadata.Uid ?? "", open), StringComparer.Ordinal);
        var targets = grant.Status?.Accounts?.Select(a => a.AccountId).ToList() ?? [];
        var withdrawal = grant.Status?.ActivatedAt is null ? null : RoleWithdrawal.Of(grant.Spec.Role, role, roleAccounts, targets);
        var facts = new GrantFacts(grant, validation, tally, accounts, now, options.Retention, withdrawal) { ApprovalPolicy = approvalPolicy };
        var decision = GrantLifecycle.Decide(facts);
        return (facts, decision, GrantStatusProjection.Project(grant, facts, decision, role, options.Partition, context.Time));
    }

    private async Task RecordAsync(BreakGlassGrant grant, BreakGlassGrantStatus? before, BreakGlassGrantStatus after, GrantFacts facts, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        foreach (var entry in GrantEvents.Between(grant, before, after, facts.Approvals))
        {
            var record = GrantAuditRecord.For(grant, after, entry, now);
            _audit.Information("Break-glass {Event} {Grant}: {Outcome} {@BreakGlass}", entry.Reason, record.Grant, entry.Message, record);
            if (entry.Reason == GrantReasons.Activated && GrantFacts.Utc(after.ActivatedAt) is { } activated)
            {
                GrantMetrics.RecordActivation(now - activated);
            }
            if (entry.Reason == GrantReasons.Cleaned && after.Phase == GrantPhase.Expired && GrantFacts.Utc(after.ExpiresAt) is { } expired)
            {
                GrantMetrics.RecordExpiryLag(now - expired);
            }
            await context.Events.RecordAsync(grant, entry.Type, entry.Reason, entry.Message, cancellationToken).ConfigureAwait(false);
        }
    }
}
