namespace IrOperator.Controllers.ResponderRoles;

/// <summary>A field of the spec IAM would refuse, and why (e.g. spec.inlinePolicies.read.Statement[0].Effect).</summary>
public sealed record SpecError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
