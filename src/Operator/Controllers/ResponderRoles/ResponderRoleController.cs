using IrOperator.Aws.Iam;
using IrOperator.Aws.Inventory;
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
        ResponderRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sync = new AccountSync(clients, locks, memory, options, context.Time, context.Log.ForContext("Controller", Name));
        var reconciler = new ResponderRoleReconciler(context, inventory, sync, options);
        return new Controller<ResponderRole>(Name, context.Informers.For<ResponderRole>(Kind), reconciler, context.Time, context.ControllerOptions, context.Log);
    }
}
