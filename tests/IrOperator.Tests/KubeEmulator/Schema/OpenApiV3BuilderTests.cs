using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.OpenApi;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class OpenApiV3BuilderTests
{
    private static readonly OpenApiV3Snapshot Snapshot = new OpenApiV3Builder().Build([TestCrds.Grant(), TestCrds.Role()]);

    private static JsonNode Doc(string path)
    {
        Snapshot.TryGetDocument(path, out var document).Should().BeTrue(path);
        return JsonNode.Parse(document.Json)!;
    }

    [Fact]
    public void Index_lists_every_group_version_with_a_hashed_url()
    {
        var paths = JsonNode.Parse(Snapshot.IndexJson)!["paths"]!.AsObject();

        paths.Select(p => p.Key).Should().Contain(["api/v1", "apis/iroperator.io/v1alpha1", "apis/coordination.k8s.io/v1", "apis/apiextensions.k8s.io/v1", "apis/events.k8s.io/v1"]);
        paths.Select(p => p.Key).Should().NotContain("apis/iroperator.io/v1alpha0", "unserved versions are not published");
        var url = paths["apis/iroperator.io/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();
        url.Should().MatchRegex("^/openapi/v3/apis/iroperator.io/v1alpha1\\?hash=[0-9A-F]{128}$");
    }

    [Fact]
    public void Hash_changes_with_the_document_and_only_then()
    {
        var again = new OpenApiV3Builder().Build([TestCrds.Grant(), TestCrds.Role()]);
        var withoutRole = new OpenApiV3Builder().Build([TestCrds.Grant()]);

        again.Documents["apis/iroperator.io/v1alpha1"].Hash.Should().Be(Snapshot.Documents["apis/iroperator.io/v1alpha1"].Hash);
        withoutRole.Documents["apis/iroperator.io/v1alpha1"].Hash.Should().NotBe(Snapshot.Documents["apis/iroperator.io/v1alpha1"].Hash);
        withoutRole.Documents["api/v1"].Hash.Should().Be(Snapshot.Documents["api/v1"].Hash);
    }

    [Fact]
    public void Custom_resource_schema_has_the_real_name_gvk_and_resource_fields()
    {
        var schema = Doc("apis/iroperator.io/v1alpha1")["components"]!["schemas"]!["io.iroperator.v1alpha1.BreakGlassGrant"]!;

        schema["x-kubernetes-group-version-kind"]!.ToJsonString().Should().Be("""[{"group":"iroperator.io","kind":"BreakGlassGrant","version":"v1alpha1"}]""");
        schema["properties"]!["metadata"]!["allOf"]![0]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        schema["properties"]!["spec"]!["properties"]!["roleName"]!["pattern"]!.GetValue<string>().Should().Be("^[\\w+=,.@-]{1,64}$");
        schema["properties"]!["apiVersion"]!["type"]!.GetValue<string>().Should().Be("string");
    }

    [Fact]
    public void Every_reference_resolves_within_its_document()
    {
        foreach (var (path, document) in Snapshot.Documents)
        {
            var doc = JsonNode.Parse(document.Json)!;
            var schemas = doc["components"]!["schemas"]!.AsObject();
            var refs = Refs(doc).ToList();

            refs.Should().NotBeEmpty();
            var unresolved = refs.Where(r => !r.StartsWith("#/components/schemas/", StringComparison.Ordinal) || !schemas.ContainsKey(r["#/components/schemas/".Length..]));
            unresolved.Should().BeEmpty(path);
        }
    }

    [Fact]
    public void Patch_operation_names_its_kind_and_offers_field_validation()
    {
        var item = Doc("apis/iroperator.io/v1alpha1")["paths"]!["/apis/iroperator.io/v1alpha1/namespaces/{namespace}/breakglassgrants/{name}"]!;

        item["patch"]!["x-kubernetes-group-version-kind"]!.ToJsonString().Should().Be("""{"group":"iroperator.io","version":"v1alpha1","kind":"BreakGlassGrant"}""");
        item["patch"]!["x-kubernetes-action"]!.GetValue<string>().Should().Be("patch");
        item["patch"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain(["fieldValidation", "fieldManager", "dryRun"]);
        item["patch"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo(
            "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json");
        item["patch"]!["operationId"]!.GetValue<string>().Should().Be("patchIroperatorIoV1alpha1NamespacedBreakGlassGrant");
    }

    [Fact]
    public void Paths_follow_scope_and_subresources()
    {
        var grantPaths = Doc("apis/iroperator.io/v1alpha1")["paths"]!.AsObject().Select(p => p.Key).ToList();

        grantPaths.Should().Contain([
            "/apis/iroperator.io/v1alpha1/namespaces/{namespace}/breakglassgrants",
            "/apis/iroperator.io/v1alpha1/namespaces/{namespace}/breakglassgrants/{name}",
            "/apis/iroperator.io/v1alpha1/namespaces/{namespace}/breakglassgrants/{name}/status",
            "/apis/iroperator.io/v1alpha1/breakglassgrants",
            "/apis/iroperator.io/v1alpha1/responderroles",
            "/apis/iroperator.io/v1alpha1/responderroles/{name}",
        ]);
        grantPaths.Should().NotContain("/apis/iroperator.io/v1alpha1/responderroles/{name}/status");
    }

    [Fact]
    public void Built_in_kinds_are_published_with_their_real_names()
    {
        var core = Doc("api/v1");

        core["components"]!["schemas"]!["io.k8s.api.core.v1.Secret"]!["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>().Should().Be("Secret");
        core["paths"]!["/api/v1/namespaces/{namespace}/secrets/{name}"]!["patch"]!["x-kubernetes-group-version-kind"]!["group"]!.GetValue<string>().Should().Be("");
        Doc("/openapi/v3/apis/coordination.k8s.io/v1?hash=whatever")["components"]!["schemas"]!.AsObject().ContainsKey("io.k8s.api.coordination.v1.Lease").Should().BeTrue();
    }

    [Fact]
    public void Unknown_group_version_is_not_found()
    {
        Snapshot.TryGetDocument("apis/nope.io/v1", out _).Should().BeFalse();
    }

    private static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Key == "$ref" ? [kv.Value!.GetValue<string>()] : Refs(kv.Value)),
        JsonArray a => a.SelectMany(Refs),
        _ => [],
    };
}
