using System.Text.Json;
using System.Text.RegularExpressions;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The repository's Dockerfile read as instructions per stage (continuation lines joined, comments dropped), so
/// tests can replay the build stage without a container engine and check the runtime stage's settings.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage named <paramref name="name"/> (`FROM ... AS name`).</summary>
    public DockerStage Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>The last stage: what the image is.</summary>
    public DockerStage Final => Stages[^1];

    public static Dockerfile Read(string path)
    {
        var stages = new List<DockerStage>();
        foreach (var line in LogicalLines(File.ReadAllLines(path)))
        {
            var (keyword, argument) = Split(line);
            if (keyword == "FROM")
            {
                var match = FromPattern().Match(argument);
                stages.Add(new DockerStage(match.Groups["image"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null));
            }
            else
            {
                stages[^1].Instructions.Add(new DockerInstruction(keyword, argument));
            }
        }
        return new Dockerfile(stages);
    }

    /// <summary>An exec-form instruction's argument (<c>["/app/iroperator"]</c>) as its list of strings.</summary>
    public static IReadOnlyList<string> ExecForm(string argument) => JsonSerializer.Deserialize<string[]>(argument)!;

    private static IEnumerable<string> LogicalLines(IEnumerable<string> lines)
    {
        var pending = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            yield return pending + line;
            pending = "";
        }
    }

    private static (string Keyword, string Argument) Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }

    [GeneratedRegex(@"^(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();
}
