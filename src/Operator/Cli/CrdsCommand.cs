using System.CommandLine;
using IrOperator.Resources;

namespace IrOperator.Cli;

/// <summary>`iroperator crds`: writes the CRD YAML generated from the C# resource types.</summary>
public static class CrdsCommand
{
    public static Command Create()
    {
        var outputDir = new Option<string?>("--output-dir", "-o")
        {
            Description = "Write one file per CRD into this directory (e.g. deploy/helm/ir-operator/crds) instead of a multi-document stream on stdout.",
        };
        var command = new Command("crds", "Write the CustomResourceDefinitions generated from the C# types.") { outputDir };
        command.SetAction((parseResult, _) =>
        {
            var crds = CrdGenerator.GenerateAll();
            var directory = parseResult.GetValue(outputDir);
            if (directory is null)
            {
                parseResult.InvocationConfiguration.Output.Write(CrdYaml.SerializeAll(crds));
                return Task.FromResult(0);
            }

            foreach (var path in CrdYaml.WriteFiles(crds, directory))
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"wrote {path}");
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
