using IrOperator.Cli;
using IrOperator.Cli.Grants;
using IrOperator.Tests.Fixtures;
using k8s;

namespace IrOperator.Tests.Cli;

/// <summary>
/// Shell completion through System.CommandLine's <c>[suggest:position]</c> directive, the request dotnet-suggest's
/// shell scripts send (docs/cli.md, "Shell completion"): the verbs, the output formats, and grant names read from
/// the cluster.
/// </summary>
public sealed class GrantCompletionTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("grant-completion-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Completing_after_grant_offers_the_verbs()
    {
        var line = "iroperator grant ";
        var result = await GrantCliRunner.InvokeAsync(OperatorCli.Build(), [$"[suggest:{line.Length}]", line]);

        result.ExitCode.Should().Be(0, result.ToString());
        Lines(result.Output).Should().Contain(["request", "approve", "deny", "revoke", "list", "show", "wait"]);
    }

    [Fact]
    public async Task Completing_a_partial_verb_of_the_plugin_offers_only_the_matching_verbs()
    {
        var line = "kubectl-breakglass re";
        var result = await GrantCliRunner.InvokeAsync(GrantCommand.CreatePluginRoot(), [$"[suggest:{line.Length}]", line]);

        Lines(result.Output).Should().Equal("request", "revoke");
    }

    [Fact]
    public async Task Completing_the_output_option_offers_the_formats()
    {
        var line = "iroperator grant list -o ";
        var result = await GrantCliRunner.InvokeAsync(OperatorCli.Build(), [$"[suggest:{line.Length}]", line]);

        Lines(result.Output).Should().Equal("json", "table", "yaml");
    }

    [Fact]
    public async Task Completing_a_grant_name_reads_the_grants_of_the_namespace()
    {
        var kubeconfig = fixture.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        var ns = $"complete-{Guid.NewGuid():N}"[..18];
        await fixture.Admin.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = ns } });
        foreach (var name in new[] { "alice-inc-1", "alice-inc-2", "bob-inc-3" })
        {
            await fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(IrOperator.Tests.KubeEmulator.Admission.ApprovalPolicy.Grant(name, ns, "alice"),
                IrOperator.Resources.IrOperatorApi.Group, IrOperator.Resources.IrOperatorApi.Version, ns, IrOperator.Resources.IrOperatorApi.BreakGlassGrantPlural);
        }

        var line = $"kubectl-breakglass show --kubeconfig {kubeconfig} -n {ns} al";
        var result = await GrantCliRunner.InvokeAsync(GrantCommand.CreatePluginRoot(), [$"[suggest:{line.Length}]", line]);

        Lines(result.Output).Should().Equal("alice-inc-1", "alice-inc-2");
    }

    [Fact]
    public async Task Kubectls_plugin_completion_gets_the_candidates_in_cobras_format()
    {
        using var output = new StringWriter();

        // kubectl __complete breakglass list -o "" runs kubectl_complete-breakglass list -o "", which passes it on.
        var code = await KubectlPluginCompletion.InvokeAsync(GrantCommand.CreatePluginRoot(), ["__complete", "list", "-o", ""], output);

        code.Should().Be(0);
        output.ToString().Should().Be("json\ntable\nyaml\n:4\n");
        KubectlPluginCompletion.IsRequest(["__complete", "re"]).Should().BeTrue();
        KubectlPluginCompletion.IsRequest(["list"]).Should().BeFalse();
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
