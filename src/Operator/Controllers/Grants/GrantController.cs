using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>Builds the BreakGlassGrant controller of a leadership term on the term's grant informer.</summary>
public static class GrantController
{
    public const string Name = "breakglassgrant";

    public static ResourceKind Kind { get; } = new(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.BreakGlassGrantPlural, IrOperatorApi.BreakGlassGrantKind, Namespaced: true);

    /// <summary>
    /// The controller of a leadership term on the term's shared informers: roles read from the role cache, the
    /// organization's accounts from the inventory; a role change enqueues its grants (their validation reads it).
    /// </summary>
    public static GrantTermController Create(OperatorContext context, AccountInventory inventory, GrantAccessLedger ledger, GrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inventory);
        var roles = context.Informers.For<ResponderRole>(ResponderRoleController.Kind);
        var grants = context.Informers.For<BreakGlassGrant>(Kind);
        var inputs = new GrantInputs(
            name => roles.Cache.Get(new ObjectKey(null, name)),
            async ct =>
            {
                try
                {
                    var snapshot = await inventory.GetSnapshotAsync(ct).ConfigureAwait(false);
                    return snapshot.Accounts.Where(a => a.Value.IsActive).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
                }
                catch (AwsServiceException)
                {
                    // Unknown for now: a grant that needs it waits (WaitingForInventory), none is opened on a guess.
                    return null;
                }
            },
            // An empty role cache at start-up is not "every role was deleted": a grant is judged once roles are listed.
            RolesSynced: ct => roles.Synced.WaitAsync(ct),
            ApprovalPolicy: ApprovalPolicyGuardFor(context, options));
        var controller = Create(context, grants, inputs, ledger, options);
        roles.OnChange(key =>
        {
            foreach (var grant in grants.Cache.List().Where(g => g.Spec.Role == key.Name))
            {
                controller.Controller.Enqueue(ObjectKey.Of(grant.Metadata));
            }
        });
        return controller;
    }

    /// <summary>The fail-closed check of the approval admission policy, unless the settings turn it off (docs/approvals.md).</summary>
    private static Func<CancellationToken, Task<ApprovalPolicyCheck>>? ApprovalPolicyGuardFor(OperatorContext context, GrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.RequireApprovalPolicy)
        {
            context.Log.ForContext<ApprovalPolicyGuard>().Warning(
                "Grants:RequireApprovalPolicy is false: approved grants open without checking that the approval admission policy is in place (docs/approvals.md)");
            return null;
        }
        return new ApprovalPolicyGuard(context.Client, context.Time, options, context.Log).CheckAsync;
    }

    /// <summary>
    /// The controller, with its grants looked at again whenever the role's apply path reports on their role
    /// (written, visible, removed), so "written" becomes "visible" without polling IAM. The ledger outlives the
    /// term; the subscription ends with it.
    /// </summary>
    public static GrantTermController Create(
        OperatorContext context, Informer<BreakGlassGrant> grants, GrantInputs inputs, GrantAccessLedger ledger, GrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(ledger);
        var reconciler = new GrantReconciler(context, inputs, ledger, options);
        var controller = new Controller<BreakGlassGrant>(Name, grants, reconciler, context.Time, context.ControllerOptions, context.Log);
        var subscription = ledger.Subscribe(role =>
        {
            foreach (var grant in grants.Cache.List().Where(g => g.Spec.Role == role))
            {
                controller.Enqueue(ObjectKey.Of(grant.Metadata));
            }
        });
        GrantMetrics.Observe(Name, grants.Cache.List, context.Time);
        return new GrantTermController(controller, subscription);
    }
}
