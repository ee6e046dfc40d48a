using System.CommandLine;
using IrOperator.Hosting;

namespace IrOperator.Cli;

/// <summary>The `iroperator` command line: `run` (the default verb) and the tools around it.</summary>
public static class OperatorCli
{
    /// <param name="controllers">
    /// What `run` starts; null for the product's controllers (<see cref="OperatorComposition.Controllers"/>). A
    /// program embedding the operator with other controllers (the runtime's process tests) passes its own.
    /// </param>
    public static RootCommand Build(Func<IServiceProvider, ControllerRegistry>? controllers = null)
    {
        var root = new RootCommand("IrOperator: time-limited, approved and audited break-glass access to AWS.");
        var run = RunCommand.Create(controllers);
        root.Subcommands.Add(run);
        root.Subcommands.Add(CrdsCommand.Create());
        root.Subcommands.Add(Plan.PlanCommand.Create());
        root.Subcommands.Add(Grants.GrantCommand.Create());

        // `iroperator` alone behaves like `iroperator run`.
        foreach (var option in run.Options)
        {
            root.Options.Add(option);
        }
        root.Action = run.Action;
        return root;
    }

    /// <summary>
    /// Parses and runs a command line. System.CommandLine's own SIGTERM handling is off: it would end the
    /// process 2 s after the signal, cutting short the controllers' drain; `run` handles SIGTERM and Ctrl+C
    /// through the web host's console lifetime instead (docs/runtime.md, "Leader hand-over").
    /// </summary>
    public static Task<int> InvokeAsync(string[] args, Func<IServiceProvider, ControllerRegistry>? controllers = null) =>
        Build(controllers).Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
