using IrOperator.Kube;
using k8s.Models;

namespace IrOperator.Tests.Runtime.Support;

public static class WidgetCrd
{
    public static readonly ResourceKind Kind = new("test.iroperator.io", "v1", "widgets", "Widget", Namespaced: true);

    public static V1CustomResourceDefinition Definition() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = $"{Kind.Plural}.{Kind.Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Kind.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = Kind.Plural, Singular = "widget", Kind = Kind.Kind, ListKind = "WidgetList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = Kind.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };

    public static Widget New(string ns, string name, int value) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new WidgetSpec { Value = value },
    };
}
