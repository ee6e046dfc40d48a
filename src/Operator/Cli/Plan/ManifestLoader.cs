using IrOperator.Resources;

namespace IrOperator.Cli.Plan;

/// <summary>
/// Reads the manifests named on the command line: files as given, folders recursively (<c>*.yaml</c> and
/// <c>*.yml</c>, in ordinal path order so the output is stable), every non-empty YAML document of each
/// (<see cref="Manifests.ParseYaml"/>, the reader the rest of IrOperator uses). A file that is missing or is
/// not valid YAML is an error naming the file; the other files are still read.
/// </summary>
public static class ManifestLoader
{
    public static (IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<PlanProblem> Errors) Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<ManifestDocument>();
        var errors = new List<PlanProblem>();
        foreach (var file in Files(paths, errors))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new PlanProblem(file, 0, null, null, "", $"cannot be read: {e.Message}"));
                continue;
            }

            try
            {
                var parsed = Manifests.ParseYaml(text);
                documents.AddRange(parsed.Select((json, i) => new ManifestDocument(file, i + 1, json)));
            }
            catch (FormatException e)
            {
                errors.Add(new PlanProblem(file, 0, null, null, "", e.Message));
            }
        }

        return (documents, errors);
    }

    private static List<string> Files(IEnumerable<string> paths, List<PlanProblem> errors)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                errors.Add(new PlanProblem(path, 0, null, null, "", "no such file or folder"));
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }
}
