using System.CommandLine;

namespace IrOperator.Cli;

/// <summary>`iroperator run`: the operator itself. Filled in by the controller-runtime work.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the operator (the default verb).");
        command.SetAction((_, _) => Task.FromResult(0));
        return command;
    }
}
