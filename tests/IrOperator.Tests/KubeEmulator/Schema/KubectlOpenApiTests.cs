namespace IrOperator.Tests.KubeEmulator.Schema;

/// <summary>kubectl 1.32 reads the generated OpenAPI v3 documents as it reads a real server's.</summary>
public class KubectlOpenApiTests(OpenApiStubServer server) : IClassFixture<OpenApiStubServer>
{
    [Fact]
    public async Task Kubectl_explain_finds_the_custom_resource_schema_by_its_gvk()
    {
        var (exitCode, output) = await server.KubectlAsync("explain", "responderroles.spec.roleName");

        exitCode.Should().Be(0, output);
        output.Should().Contain("The IAM role name.");
        output.Should().Contain("<string>");
    }

    [Fact]
    public async Task Kubectl_apply_with_strict_validation_finds_server_side_field_validation()
    {
        // With --validate=strict kubectl needs to know whether the server validates (a fieldValidation
        // parameter on the kind's PATCH operation in OpenAPI v3); if it cannot tell, it falls back to
        // /openapi/v2, which the stub does not serve, and refuses to apply.
        var manifest = Path.Combine(server.Directory, "grant.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: iroperator.io/v1alpha1
            kind: BreakGlassGrant
            metadata:
              name: g1
            spec:
              roleName: ir-forensics
              incident: INC-4711
            """);

        var (exitCode, output) = await server.KubectlAsync("apply", "--dry-run=client", "--validate=strict", "-f", manifest);

        exitCode.Should().Be(0, output);
        output.Should().Contain("breakglassgrant.iroperator.io/g1 created (dry run)");
    }
}
