using k8s.Models;

namespace IrOperator.Tests.Resources;

/// <summary>
/// The rules the API server applies before it accepts a CRD (a structural schema, bounded CEL cost),
/// checked on the generated schemas so a type change cannot produce a CRD that kubectl apply refuses.
/// </summary>
public class StructuralSchemaTests
{
    public static TheoryData<string> Kinds => new() { "ResponderRole", "BreakGlassGrant" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_node_has_a_type(string kind) =>
        Nodes(kind).Where(n => string.IsNullOrEmpty(n.Node.Type)).Select(n => n.Path).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_node_has_both_properties_and_additionalProperties(string kind) =>
        Nodes(kind).Where(n => n.Node.Properties != null && n.Node.AdditionalProperties != null).Select(n => n.Path).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Arrays_have_items_and_objects_have_a_shape(string kind)
    {
        Nodes(kind).Where(n => n.Node.Type == "array" && n.Node.Items is not V1JSONSchemaProps).Select(n => n.Path).Should().BeEmpty();
        Nodes(kind)
            .Where(n => n.Node.Type == "object" && n.Node.Properties == null && n.Node.AdditionalProperties == null
                        && n.Node.XKubernetesPreserveUnknownFields != true && !n.Path.EndsWith(":metadata", StringComparison.Ordinal))
            .Select(n => n.Path).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Metadata_is_only_typed_as_an_object(string kind)
    {
        var metadata = GeneratedCrds.At(GeneratedCrds.ByKind(kind), "metadata");
        metadata.Properties.Should().BeNull();
        metadata.Type.Should().Be("object");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void List_map_keys_are_required_in_the_items(string kind) =>
        Nodes(kind)
            .Where(n => n.Node.XKubernetesListType == "map")
            .Where(n => !n.Node.XKubernetesListMapKeys.All(k => ((V1JSONSchemaProps)n.Node.Items).Required?.Contains(k) == true))
            .Select(n => n.Path).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Strings_and_lists_read_by_cel_rules_are_bounded(string kind)
    {
        // The API server estimates each rule's cost from maxLength/maxItems and refuses unbounded ones.
        Nodes(kind)
            .Where(n => n.Node.XKubernetesValidations?.Count > 0)
            .Where(n => (n.Node.Type == "string" && n.Node.MaxLength == null)
                        || (n.Node.Type == "array" && n.Node.MaxItems == null)
                        || (n.Node.Type == "object" && n.Node.AdditionalProperties != null && n.Node.MaxProperties == null))
            .Select(n => n.Path).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_spec_and_status_field_is_described_for_kubectl_explain(string kind) =>
        Nodes(kind)
            .Where(n => n.Path.Contains(":spec", StringComparison.Ordinal) || n.Path.Contains(":status", StringComparison.Ordinal))
            .Where(n => !n.Path.EndsWith("[]", StringComparison.Ordinal) && !n.Path.EndsWith("{}", StringComparison.Ordinal))
            .Where(n => !n.Path.Contains("conditions.[].", StringComparison.Ordinal))
            .Where(n => string.IsNullOrWhiteSpace(n.Node.Description))
            .Select(n => n.Path).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Defaults_are_valid_for_their_own_schema(string kind)
    {
        foreach (var (path, node) in Nodes(kind).Where(n => n.Node.DefaultProperty != null))
        {
            if (node.Pattern != null)
            {
                node.DefaultProperty.Should().BeOfType<string>().Which.Should().MatchRegex(node.Pattern, path);
            }

            if (node.EnumProperty != null)
            {
                node.EnumProperty.Should().Contain(node.DefaultProperty, path);
            }
        }
    }

    private static IEnumerable<(string Path, V1JSONSchemaProps Node)> Nodes(string kind) => SchemaWalk.Nodes(GeneratedCrds.ByKind(kind));
}
