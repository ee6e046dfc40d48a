using System.Text.Json.Nodes;
using IrOperator.Resources;
using IrOperator.Schema;
using k8s;
using Xunit.Abstractions;

namespace IrOperator.Tests.Resources;

/// <summary>
/// The generated CRDs under the emulator's schema engine (prune, default, OpenAPI and CEL validation, as
/// the API server orders them): the examples pass, every invalid manifest fails naming its field.
/// </summary>
public class SchemaValidationTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyDictionary<string, StructuralSchema>> Schemas = new(() =>
        CrdGenerator.GenerateAll().ToDictionary(
            crd => crd.Spec.Names.Kind,
            crd => CustomResourceSchemas.Compile(JsonNode.Parse(KubernetesJson.Serialize(crd))!)[IrOperatorApi.Version]));

    [Fact]
    public void The_api_server_schema_engine_accepts_the_generated_crds() =>
        Schemas.Value.Keys.Should().BeEquivalentTo(IrOperatorApi.ResponderRoleKind, IrOperatorApi.BreakGlassGrantKind);

    [Fact]
    public void Every_example_is_valid()
    {
        foreach (var (file, json) in Examples.Manifests.Where(m => m.Json["apiVersion"]!.GetValue<string>() == IrOperatorApi.ApiVersion))
        {
            Admit(json, old: null).Should().BeEmpty(file);
        }
    }

    [Fact]
    public void Defaults_fill_what_the_example_leaves_out()
    {
        var role = Examples.Manifests.Single(m => m.File.Contains("incident-commander", StringComparison.Ordinal)).Json;
        Admit(role, old: null).Should().BeEmpty();
        role["spec"]!["path"]!.GetValue<string>().Should().Be("/incident-response/");
        role["spec"]!["maxSessionDuration"]!.GetValue<string>().Should().Be("1h");
    }

    [Fact]
    public void There_are_at_least_fifteen_invalid_manifests() => InvalidManifests.All.Count.Should().BeGreaterThanOrEqualTo(15);

    [Theory]
    [MemberData(nameof(InvalidManifests.Names), MemberType = typeof(InvalidManifests))]
    public void Invalid_manifest_is_refused_naming_the_field(string name)
    {
        var invalid = InvalidManifests.Named(name);
        JsonObject? old = null;
        if (invalid.IsUpdate)
        {
            old = invalid.Valid();
            Admit(old, null).Should().BeEmpty("the original is valid");
        }

        Admit(invalid.Valid(), null).Should().BeEmpty("only the broken part may fail");
        var errors = Admit(invalid.Broken(), old);

        foreach (var error in errors)
        {
            output.WriteLine(error.ToString());
        }

        errors.Should().NotBeEmpty();
        errors.Select(e => e.ToString()).Should().Contain(e => invalid.IsNamedIn(e), $"an error names {invalid.Field}");
    }

    private static IReadOnlyList<FieldError> Admit(JsonObject manifest, JsonObject? old)
    {
        var schema = Schemas.Value[manifest["kind"]!.GetValue<string>()];
        schema.Prune(manifest).Should().BeEmpty("the manifests use only fields the schema knows");
        schema.ApplyDefaults(manifest);
        if (old is not null)
        {
            schema.Prune(old);
            schema.ApplyDefaults(old);
        }

        return schema.Validate(manifest, old);
    }
}
