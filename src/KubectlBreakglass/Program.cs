using IrOperator.Cli.Grants;

namespace IrOperator.KubectlBreakglass;

internal static class Program
{
    // kubectl runs a plugin with every argument after its name (`kubectl breakglass list -n x` runs
    // `kubectl-breakglass list -n x`) and the environment, KUBECONFIG included: the verbs read both as kubectl does.
    // Run as kubectl_complete-breakglass, kubectl asks for completions with `__complete` (docs/cli.md).
    public static Task<int> Main(string[] args) =>
        KubectlPluginCompletion.IsRequest(args)
            ? KubectlPluginCompletion.InvokeAsync(GrantCommand.CreatePluginRoot(), args, Console.Out)
            : GrantCommand.CreatePluginRoot().Parse(args).InvokeAsync();
}
