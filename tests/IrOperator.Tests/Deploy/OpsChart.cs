using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// A renderable copy of the chart for the operations kit's template tests. Until the chart's Chart.yaml and
/// helpers exist in the repository (another part of issue 12), a minimal Chart.yaml and the two helpers the
/// templates use stand in; the ops-kit values come from values.ops-kit.yaml (and its schema fragment) until they are merged.
/// </summary>
internal static class OpsChart
{
    public static string Helm { get; } = FindHelm();

    public static string Prepare(string into)
    {
        var source = OpsRepository.PathOf("deploy/helm/ir-operator");
        var chart = Path.Combine(into, "ir-operator");
        Copy(source, chart);
        if (!File.Exists(Path.Combine(chart, "Chart.yaml")))
        {
            File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: ir-operator\nversion: 0.0.0-ops\nappVersion: \"0.0.0\"\n");
            File.WriteAllText(Path.Combine(chart, "templates", "_helpers.tpl"), """
                {{- define "ir-operator.fullname" -}}{{ .Release.Name }}{{- end -}}
                {{- define "ir-operator.labels" -}}
                app.kubernetes.io/instance: {{ .Release.Name }}
                {{- end -}}
                """);
        }

        // The fragments stand in until they are merged into values.yaml and values.schema.json (then they are gone).
        var fragment = Path.Combine(chart, "values.ops-kit.yaml");
        var values = Path.Combine(chart, "values.yaml");
        var existing = File.Exists(values) ? File.ReadAllText(values) : "";
        if (File.Exists(fragment) && !Regex.IsMatch(existing, "^prometheusRule:", RegexOptions.Multiline))
        {
            File.WriteAllText(values, existing + "\n" + File.ReadAllText(fragment));
        }

        var schemaFragment = Path.Combine(chart, "values.ops-kit.schema.json");
        var schema = Path.Combine(chart, "values.schema.json");
        if (File.Exists(schemaFragment) && File.Exists(schema))
        {
            var root = JsonNode.Parse(File.ReadAllText(schema))!;
            foreach (var (name, definition) in JsonNode.Parse(File.ReadAllText(schemaFragment))!["properties"]!.AsObject())
            {
                root["properties"]![name] ??= definition!.DeepClone();
            }
            File.WriteAllText(schema, root.ToJsonString());
        }
        else if (File.Exists(schemaFragment))
        {
            File.Copy(schemaFragment, schema);
        }

        return chart;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    /// <summary>helm on PATH, else in .ci/install-tools' folder (the tests also run outside .ci/run).</summary>
    private static string FindHelm()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "helm")))
            {
                return Path.Combine(dir, "helm");
            }
        }
        var tools = Environment.GetEnvironmentVariable("IROPERATOR_TOOLS_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "iroperator-tools");
        return Path.Combine(tools, "bin", "helm");
    }
}
