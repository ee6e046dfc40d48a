namespace IrOperator.Kube;

/// <summary>The identity a work item carries: namespace (null for cluster-scoped kinds) and name, never the object.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey Of(k8s.Models.V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new ObjectKey(string.IsNullOrEmpty(metadata.NamespaceProperty) ? null : metadata.NamespaceProperty, metadata.Name);
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
