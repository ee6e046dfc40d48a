using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.OpenApi;
using IrOperator.Sandbox.Kube.Printing;
using IrOperator.Schema;
using Microsoft.Extensions.Time.Testing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace IrOperator.Tests.KubeEmulator.Schema;

/// <summary>The project's own CRDs (deploy/helm/ir-operator/crds) and examples go through the emulator's schema code as a server would take them.</summary>
public class ShippedCrdTests
{
    private static readonly IReadOnlyList<JsonNode> Crds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "crds"), "*.yaml").Order().SelectMany(Load).ToList();

    private static readonly IReadOnlyList<JsonNode> Examples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.yaml").Order().SelectMany(Load).ToList();

    private static readonly Dictionary<string, StructuralSchema> SchemaByKind =
        Crds.ToDictionary(c => c["spec"]!["names"]!["kind"]!.GetValue<string>(), c => CustomResourceSchemas.Compile(c)["v1alpha1"]);

    [Fact]
    public void Crds_compile_with_every_rule()
    {
        SchemaByKind.Keys.Should().BeEquivalentTo("ResponderRole", "BreakGlassGrant");
    }

    [Fact]
    public void Examples_are_valid_and_lose_no_field_to_pruning()
    {
        var custom = Examples.Where(e => SchemaByKind.ContainsKey(Kind(e))).Select(e => e.DeepClone()).ToList();
        custom.Should().HaveCountGreaterThan(1);
        foreach (var example in custom)
        {
            var schema = SchemaByKind[Kind(example)];
            var name = example["metadata"]!["name"]!.GetValue<string>();

            schema.Prune(example).Should().BeEmpty(name);
            schema.ApplyDefaults(example);
            schema.Validate(example, null).Select(e => e.ToString()).Should().BeEmpty(name);
        }
    }

    [Fact]
    public void Grant_spec_is_immutable()
    {
        var grant = Examples.Single(e => Kind(e) == "BreakGlassGrant");
        var schema = SchemaByKind["BreakGlassGrant"];
        var longer = grant.DeepClone();
        longer["spec"]!["duration"] = "4h";

        schema.Validate(longer, grant).Select(e => e.ToString()).Should().ContainSingle()
            .Which.Should().StartWith("spec: Invalid value: \"object\": spec is immutable");
    }

    [Fact]
    public void Crds_publish_and_print()
    {
        var snapshot = new OpenApiV3Builder().Build(Crds);
        var grant = Examples.Single(e => Kind(e) == "BreakGlassGrant");
        var crd = Crds.Single(c => c["spec"]!["names"]!["kind"]!.GetValue<string>() == "BreakGlassGrant");

        var table = TableBuilder.ForCustomResource(crd, "v1alpha1", new FakeTimeProvider()).Build([grant], IncludeObject.Metadata);

        snapshot.Documents.Should().ContainKey("apis/iroperator.io/v1alpha1");
        table["columnDefinitions"]!.AsArray().Should().HaveCountGreaterThan(2);
        table["rows"]![0]!["cells"]![0]!.GetValue<string>().Should().Be(grant["metadata"]!["name"]!.GetValue<string>());
    }

    private static string Kind(JsonNode o) => o["kind"]?.GetValue<string>() ?? "";

    /// <summary>YAML documents as JSON, with unquoted scalars typed (numbers, booleans) as the API server reads them.</summary>
    private static IEnumerable<JsonNode> Load(string path)
    {
        var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
        var json = new SerializerBuilder().JsonCompatible().Build();
        using var reader = new StringReader(File.ReadAllText(path));
        var parser = new Parser(reader);
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object?>(parser);
            if (document is not null)
            {
                yield return JsonNode.Parse(json.Serialize(document))!;
            }
        }
    }
}
