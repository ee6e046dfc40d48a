namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>A built-in kind the emulator serves, published in OpenAPI v3 so kubectl can apply it.</summary>
/// <param name="Group">"" for the core group.</param>
/// <param name="SchemaPrefix">The real component-name prefix, e.g. <c>io.k8s.api.core.v1</c>.</param>
public sealed record BuiltInKind(string Group, string Version, string Kind, string Plural, bool Namespaced, string SchemaPrefix);
