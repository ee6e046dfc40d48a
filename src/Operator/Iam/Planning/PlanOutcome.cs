namespace IrOperator.Iam.Planning;

/// <summary>What a plan does to one role in one account.</summary>
public enum PlanOutcome
{
    /// <summary>The role matches the desired state: no write.</summary>
    InSync,

    /// <summary>The role does not exist: CreateRole, then its policies.</summary>
    Create,

    /// <summary>The role exists and differs: the steps bring it in line.</summary>
    Update,

    /// <summary>The role exists under another path, which IAM cannot change: it is deleted and created again.</summary>
    Replace,

    /// <summary>A role of that name exists without this owner's ownership tags: never taken over, no steps.</summary>
    NotOwned,

    /// <summary>Deletion (deletionPolicy Delete): detach, delete inline policies, delete the role.</summary>
    Delete,

    /// <summary>Deletion (deletionPolicy Retain): remove the ownership tags, leave the role.</summary>
    Release,

    /// <summary>Deletion of a role that does not exist: nothing to do.</summary>
    Absent,

    /// <summary>What was read is what the operator just replaced, within the propagation window: no write yet, read again later.</summary>
    AwaitingPropagation,
}
