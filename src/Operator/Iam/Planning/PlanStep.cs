using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

/// <summary>
/// One IAM write of a plan. <see cref="Change"/> is the one-line description for events and the
/// audit log (e.g. <c>trust policy: +statement IrGrantab12cd34ef</c>); <see cref="Render"/> is the
/// readable form the <c>plan</c> CLI prints (with the document sent, where there is one).
/// </summary>
public abstract record PlanStep(string RoleName)
{
    /// <summary>The IAM API action, e.g. <c>UpdateAssumeRolePolicy</c>.</summary>
    public abstract string Action { get; }

    public abstract string Change { get; }

    public virtual string Render() => $"{Action}: {Change}";

    public abstract Task ApplyAsync(IIamClient client, CancellationToken cancellationToken);

    public override string ToString() => Render();
}
