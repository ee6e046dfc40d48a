namespace IrOperator.Tests.KubeEmulator.Schema;

/// <summary>kubectl 1.32 reads the generated OpenAPI v3 documents and Tables as it reads a real server's.</summary>
public class KubectlCompatibilityTests(KubectlStubServer server) : IClassFixture<KubectlStubServer>
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

    [Fact]
    public async Task Kubectl_get_prints_the_table_columns()
    {
        var (exitCode, output) = await server.KubectlAsync("get", "bgg", "-n", "default");

        exitCode.Should().Be(0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        lines[0].Should().Equal("NAME", "ROLE", "INCIDENT", "AGE");
        lines[1].Should().Equal("g1", "ir-forensics", "INC-4711", "5m");
    }

    [Fact]
    public async Task Kubectl_get_wide_adds_priority_columns()
    {
        var (exitCode, output) = await server.KubectlAsync("get", "bgg", "-n", "default", "-o", "wide");

        exitCode.Should().Be(0, output);
        output.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("NAME", "ROLE", "INCIDENT", "PRINCIPAL", "AGE");
    }

    [Fact]
    public async Task Kubectl_get_events_prints_the_event_table()
    {
        var (exitCode, output) = await server.KubectlAsync("get", "events", "-n", "default");

        exitCode.Should().Be(0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        lines[1].Should().MatchRegex(@"^2m\s+Normal\s+Activated\s+breakglassgrant/g1\s+Access opened in 111122223333 until 13:00Z$");
    }
}
