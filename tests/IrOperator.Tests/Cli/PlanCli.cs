using System.CommandLine;
using System.Text.Json.Nodes;
using IrOperator.Cli;

namespace IrOperator.Tests.Cli;

/// <summary>
/// Runs `iroperator plan` in-process through the real command line (<see cref="OperatorCli.Build"/>), with its
/// output and error streams captured, in a temporary folder of manifests the test writes.
/// </summary>
internal sealed class PlanCli : IDisposable
{
    public PlanCli() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "iroperator-plan-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file under <see cref="Root"/>; returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static async Task<PlanRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OperatorCli.Build().Parse(["plan", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return new PlanRun(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

internal sealed record PlanRun(int ExitCode, string Output, string Error)
{
    public JsonObject Json => JsonNode.Parse(Output)!.AsObject();

    /// <summary>The lines of the printed diffs that add or remove something (not the ---/+++ headers), without the plan's indentation.</summary>
    public IReadOnlyList<string> ChangedLines => Output.Split('\n')
        .Select(line => line.TrimStart(' '))
        .Where(line => (line.StartsWith('+') || line.StartsWith('-')) && !line.StartsWith("+++", StringComparison.Ordinal) && !line.StartsWith("---", StringComparison.Ordinal))
        .ToList();

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
