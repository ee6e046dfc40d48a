using IrOperator.Resources;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// What the ResponderRole reconciler needs of the IAM model (src/Operator/Iam, docs/iam-model.md): validate
/// the spec, build the desired role of an account and plan the IAM calls from observed to desired. All pure;
/// the reconciler reads and applies. <see cref="IamModelPlanner"/> is the implementation over the model's
/// builder and planner, the same planner the `plan` CLI uses.
/// </summary>
public interface IResponderRolePlanner
{
    /// <summary>Bad input IAM would refuse, caught before any call; empty when the spec can be planned.</summary>
    IReadOnlyList<SpecError> Validate(ResponderRole role);

    /// <summary>The tags that mark an IAM role as this ResponderRole's (a role without them is never touched).</summary>
    IReadOnlyDictionary<string, string> OwnershipTags(ResponderRole role);

    /// <summary>The role that should exist in <paramref name="accountId"/>.</summary>
    DesiredAccountRole Desired(ResponderRole role, string accountId);

    /// <summary>The ordered IAM calls from <paramref name="observed"/> (null: no role) to the desired role; empty when in line.</summary>
    IReadOnlyList<PlannedCall> Plan(DesiredAccountRole desired, ObservedRole? observed);
}
