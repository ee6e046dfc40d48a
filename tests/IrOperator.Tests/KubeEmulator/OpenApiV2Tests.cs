using System.Net;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.OpenApi;
using IrOperator.Tests.Fixtures;
using k8s;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>
/// /openapi/v2 for kubectl before 1.29, which reads it (as protobuf only) before <c>apply</c> and
/// <c>explain</c> and stops when it is missing: kubectl 1.27 and 1.28 apply a built-in kind and a custom
/// resource and explain a custom resource's fields from it.
/// </summary>
public sealed class OpenApiV2Tests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private readonly KubeEmulatorFixture _fixture;
    private readonly string _home = Directory.CreateTempSubdirectory("iroperator-openapi-v2-").FullName;
    private readonly string _kubeconfig;

    public OpenApiV2Tests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget()]);
        _kubeconfig = fixture.Emulator.WriteKubeconfig(Path.Combine(_home, "kubeconfig"));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.28")]
    public async Task Old_kubectl_applies_and_explains_with_the_v2_document(string version)
    {
        var work = Directory.CreateDirectory(Path.Combine(_home, version)).FullName;
        var kubectl = new Kubectl(_kubeconfig, work, Kubectl.Versioned(version));
        var ns = "v2-" + version.Replace('.', '-');
        var manifest = Path.Combine(work, "objects.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {ns}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: {ns}
            data:
              mode: strict
            ---
            apiVersion: test.iroperator.io/v1
            kind: Widget
            metadata:
              name: w1
              namespace: {ns}
            spec:
              size: 3
            """);

        var applied = await kubectl.RunAsync("apply", "-f", manifest);
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("mode: strict", "mode: relaxed", StringComparison.Ordinal));
        var reapplied = await kubectl.RunAsync("apply", "-f", manifest);
        var explained = await kubectl.RunAsync("explain", "widgets.spec.size");
        var explainedV2 = await kubectl.RunAsync("explain", "widgets.spec", "--output=plaintext-openapiv2");

        applied.ExitCode.Should().Be(0, applied.Error);
        applied.Output.Should().Contain("configmap/settings created").And.Contain("widget.test.iroperator.io/w1 created");
        reapplied.ExitCode.Should().Be(0, reapplied.Error);
        reapplied.Output.Should().Contain("configmap/settings configured");
        reapplied.Error.Should().NotContain("warning", "the v2 document must not make kubectl compute patches from a partial schema");
        (await _fixture.Admin.CoreV1.ReadNamespacedConfigMapAsync("settings", ns)).Data["mode"].Should().Be("relaxed");
        explained.ExitCode.Should().Be(0, explained.Error);
        explained.Output.Should().Contain("<integer>");
        explainedV2.ExitCode.Should().Be(0, explainedV2.Error);
        explainedV2.Output.Should().Contain("size").And.Contain("colour");
    }

    [Fact]
    public async Task V2_is_served_as_protobuf_when_asked_and_as_json_otherwise()
    {
        using var http = _fixture.Emulator.CreateHttpClient();
        using var protobufRequest = new HttpRequestMessage(HttpMethod.Get, "openapi/v2");
        protobufRequest.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");

        using var protobuf = await http.SendAsync(protobufRequest);
        var json = JsonNode.Parse(await http.GetStringAsync("openapi/v2"))!;

        protobuf.StatusCode.Should().Be(HttpStatusCode.OK);
        protobuf.Content.Headers.ContentType!.MediaType.Should().Be("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
        (await protobuf.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty();
        json["swagger"]!.GetValue<string>().Should().Be("2.0");
        var widget = json["definitions"]!["io.test.iroperator.v1.Widget"] ?? json["definitions"]!.AsObject().First(d => d.Key.EndsWith(".Widget", StringComparison.Ordinal)).Value!;
        widget["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>().Should().Be("Widget");
        widget["properties"]!["metadata"]!["$ref"]!.GetValue<string>().Should().Be("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        json["definitions"]!["io.k8s.api.core.v1.ConfigMap"]!["x-kubernetes-group-version-kind"].Should().BeNull(
            "a partial built-in schema must not be used by kubectl to validate or patch");
    }

    [Fact]
    public void The_protobuf_encoding_writes_gnostic_field_numbers()
    {
        var bytes = OpenApiV2Protobuf.Encode(JsonNode.Parse("""
            {"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.32.0"},"paths":{},
             "definitions":{"a.B":{"type":"object","properties":{"x":{"type":"string"}}}}}
            """)!.AsObject());

        // Document: swagger = 1 (0x0a), info = 2 (0x12), paths = 8 (0x42, empty), definitions = 9 (0x4a).
        bytes[0].Should().Be(0x0a);
        bytes[1].Should().Be(3);
        System.Text.Encoding.ASCII.GetString(bytes, 2, 3).Should().Be("2.0");
        bytes[5].Should().Be(0x12);
        var pathsAt = 6 + bytes[6] + 1;
        bytes[pathsAt].Should().Be(0x42);
        bytes[pathsAt + 1].Should().Be(0);
        bytes[pathsAt + 2].Should().Be(0x4a);
    }
}
