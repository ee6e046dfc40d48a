using System.CommandLine;
using IrOperator.Cli;
using IrOperator.Cli.Grants;

namespace IrOperator.Tests.Cli;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record GrantCliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the grant verbs in-process, exactly as the executables parse them: <c>iroperator grant ...</c> through the
/// operator's own command line (<see cref="OperatorCli.Build"/>), <c>kubectl breakglass ...</c> through the plugin's
/// root; against a kubeconfig file with a context per sandbox user, as a user would.
/// </summary>
public sealed class GrantCliRunner(string kubeconfig)
{
    public string Kubeconfig { get; } = kubeconfig;

    /// <summary><c>iroperator grant --kubeconfig ... --context &lt;user&gt; args</c>.</summary>
    public Task<GrantCliResult> GrantAsync(string user, params string[] args) =>
        InvokeAsync(OperatorCli.Build(), ["grant", "--kubeconfig", Kubeconfig, "--context", user, .. args]);

    /// <summary><c>kubectl breakglass args</c> (kubectl hands a plugin every argument after its name).</summary>
    public Task<GrantCliResult> PluginAsync(string user, params string[] args) =>
        InvokeAsync(GrantCommand.CreatePluginRoot(), [.. args, "--kubeconfig", Kubeconfig, "--context", user]);

    public static async Task<GrantCliResult> InvokeAsync(RootCommand root, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new GrantCliResult(code, output.ToString(), error.ToString());
    }
}
