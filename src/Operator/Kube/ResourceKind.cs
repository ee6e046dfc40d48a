namespace IrOperator.Kube;

/// <summary>Where a custom resource lives on the API server: /apis/{Group}/{Version}/[namespaces/{ns}/]{Plural}.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string ApiVersion => $"{Group}/{Version}";

    public override string ToString() => $"{Plural}.{Group}/{Version}";
}
