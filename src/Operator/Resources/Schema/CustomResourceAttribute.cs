namespace IrOperator.Resources.Schema;

/// <summary>
/// What a CRD needs beyond <c>k8s.Models.KubernetesEntityAttribute</c> (group, version, kind, plural):
/// scope, singular, short names and categories.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CustomResourceAttribute(bool namespaced, string singular) : Attribute
{
    public bool Namespaced { get; } = namespaced;

    public string Singular { get; } = singular;

    public string[] ShortNames { get; init; } = [];

    public string[] Categories { get; init; } = [];
}
