using IrOperator.Aws.Iam;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers.Grants;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>Builds the ResponderRole controller of a leadership term on the term's shared ResponderRole informer.</summary>
public static class ResponderRoleController
{
    public const string Name = "responderrole";

    public static ResourceKind Kind { get; } = new(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, IrOperatorApi.ResponderRoleKind, Namespaced: false);

    public static Controller<ResponderRole> Create(
        OperatorContext context,
        AccountInventory inventory,
        IIamClientFactory clients,
        RoleApplyLocks locks,
        RoleWriteMemory memory,
        ResponderRoleOptions options,
        GrantAccessLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sync = new AccountSync(clients, locks, memory, options, context.Time, context.Log.ForContext("Controller", Name));
        // The role's desired state includes the grants open on it, read from the grant cache; a grant change
        // enqueues its role (docs/grants.md, "One writer per role").
        var grants = context.Informers.For<BreakGlassGrant>(GrantController.Kind);
        Controller<ResponderRole>? controller = null;
        var reconciler = new ResponderRoleReconciler(context, inventory, sync, options, grants.Cache.List, ledger,
            (role, delay) => controller?.EnqueueAfter(new ObjectKey(null, role), delay, urgent: true));
        // Drift made in AWS raises no Kubernetes event: the runtime's periodic resync re-enqueues every role
        // (docs/runtime.md, "Resync"; docs/responder-roles.md).
        var controllerOptions = context.ControllerOptions with { ResyncPeriod = options.ResyncInterval };
        controller = new Controller<ResponderRole>(Name, context.Informers.For<ResponderRole>(Kind), reconciler, context.Time, controllerOptions, context.Log);
        grants.OnChange(key =>
        {
            if (grants.Cache.Get(key) is { } grant)
            {
                // A revoked or deleted grant whose statement the role holds: ending access goes first; an open grant
                // schedules its role at its end, so a new leader's first list already knows (docs/grants.md).
                var role = new ObjectKey(null, grant.Spec.Role);
                var now = context.Time.GetUtcNow();
                controller.Enqueue(role, AccessEnds.IsClosing(grant, ledger, now));
                if (AccessEnds.EndOfOpen(grant, now) is { } end)
                {
                    controller.EnqueueAfter(role, end - now, urgent: true);
                }
            }
        });
        return controller;
    }
}
