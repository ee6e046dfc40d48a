using System.Reflection;
using IrOperator.Resources.Schema;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>
/// Generates IrOperator's CustomResourceDefinitions from the C# resource types (names from their
/// attributes, <c>openAPIV3Schema</c> by reflection, descriptions from the doc comments). deploy/helm/ir-operator/crds holds
/// the output of <c>iroperator crds --output-dir deploy/helm/ir-operator/crds</c>, and a test keeps the two equal.
/// </summary>
public static class CrdGenerator
{
    /// <summary>The kinds IrOperator serves, in the order their CRDs are written.</summary>
    public static IReadOnlyList<Type> Kinds { get; } = [typeof(ResponderRole), typeof(BreakGlassGrant)];

    public static IReadOnlyList<V1CustomResourceDefinition> GenerateAll()
    {
        var builder = new JsonSchemaBuilder(XmlDocumentation.For(typeof(CrdGenerator).Assembly));
        return Kinds.Select(kind => Generate(kind, builder)).ToList();
    }

    private static V1CustomResourceDefinition Generate(Type kind, JsonSchemaBuilder builder)
    {
        var entity = kind.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{kind.Name} needs [KubernetesEntity].");
        var resource = kind.GetCustomAttribute<CustomResourceAttribute>()
            ?? throw new InvalidOperationException($"{kind.Name} needs [CustomResource].");
        var columns = kind.GetCustomAttributes<PrinterColumnAttribute>()
            .OrderBy(c => c.Order)
            .Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                Type = c.Type,
                JsonPath = c.JsonPath,
                Description = c.Description,
                Priority = c.Priority == 0 ? null : c.Priority,
            })
            .ToList();

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = resource.Namespaced ? "Namespaced" : "Cluster",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = resource.Singular,
                    ShortNames = resource.ShortNames.ToList(),
                    Categories = resource.Categories.ToList(),
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = builder.ForResource(kind) },
                        Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                        AdditionalPrinterColumns = columns,
                    },
                ],
            },
        };
    }
}
