namespace IrOperator.Iam.Policies;

/// <summary>
/// One reason IAM would refuse a document (or the operator refuses an input), naming the field, e.g.
/// <c>spec.inlinePolicies.audit.Statement[1].Effect: must be Allow or Deny</c>. Statement indexes are
/// 0-based, as in Kubernetes field paths. See docs/iam-model.md.
/// </summary>
public sealed record PolicyError(string Field, string Message)
{
    /// <summary>The same error under a parent field: <c>Statement[0].Sid</c> under <c>spec.inlinePolicies.a</c>.</summary>
    public PolicyError Under(string parent) =>
        string.IsNullOrEmpty(parent) ? this : this with { Field = string.IsNullOrEmpty(Field) ? parent : parent + "." + Field };

    public override string ToString() => string.IsNullOrEmpty(Field) ? Message : $"{Field}: {Message}";
}
