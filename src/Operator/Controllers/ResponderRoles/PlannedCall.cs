using IrOperator.Aws.Iam;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>One IAM call of a plan: its action (e.g. PutRolePolicy), what it changes in words (for events and the audit log), and how to make it.</summary>
public sealed record PlannedCall(string Action, string Change, Func<IIamClient, CancellationToken, Task> ApplyAsync)
{
    public bool IsCreate => Action == "CreateRole";
}
