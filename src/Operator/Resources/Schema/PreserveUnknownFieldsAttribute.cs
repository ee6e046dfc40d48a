namespace IrOperator.Resources.Schema;

/// <summary>
/// <c>x-kubernetes-preserve-unknown-fields: true</c>: a free-form JSON object the API server keeps as is
/// (IAM policy documents). Use only where the content is validated elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute
{
    /// <summary>Apply to the map's values rather than to the property.</summary>
    public bool OnItems { get; init; }
}
