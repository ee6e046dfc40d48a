using System.Diagnostics;
using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// Runs the machine's Helm (4.1.4, which .ci/install-tools installs) on the repository's chart, with a deadline.
/// Fails the test when helm is missing: CI installs it.
/// </summary>
internal static class Helm
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The repository's root (the folder holding IrOperator.sln), found from the test binaries upwards.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Chart => Path.Combine(RepositoryRoot, "deploy", "helm", "ir-operator");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("helm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return await RunAsync(info);
    }

    /// <summary>`helm template` of the chart as release iroperator in iroperator-system; fails the test if Helm refuses.</summary>
    public static async Task<IReadOnlyList<JsonObject>> TemplateAsync(params string[] extra)
    {
        var (exit, output, error) = await RunAsync(["template", "iroperator", Chart, "--namespace", "iroperator-system", .. extra]);
        exit.Should().Be(0, error);
        return ParseAll(output);
    }

    /// <summary>A multi-document YAML stream as JSON objects (empty documents dropped).</summary>
    public static IReadOnlyList<JsonObject> ParseAll(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var serializer = new SerializerBuilder().JsonCompatible().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize(parser);
            if (document is not null)
            {
                documents.Add(JsonNode.Parse(serializer.Serialize(document))!.AsObject());
            }
        }

        return documents;
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo info) => ToolProcess.RunAsync(info, Deadline);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IrOperator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no IrOperator.sln above {AppContext.BaseDirectory}");
    }
}
