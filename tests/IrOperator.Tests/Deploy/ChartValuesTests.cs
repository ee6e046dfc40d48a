using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// Every value the templates read is in values.yaml (with its comment) and in values.schema.json, and every value
/// in values.yaml is read by some template: the templates are parsed for <c>.Values.a.b</c> references, including
/// through variables (<c>$op := .Values.operator</c>, then <c>$op.workers</c>).
/// </summary>
public sealed partial class ChartValuesTests
{
    private static readonly IReadOnlyList<string> Templates =
        Directory.GetFiles(Path.Combine(Helm.Chart, "templates"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".tpl", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal))
            .ToList();

    private static readonly JsonObject Values = Helm.ParseAll(File.ReadAllText(Path.Combine(Helm.Chart, "values.yaml"))).Single();

    private static readonly JsonObject Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Helm.Chart, "values.schema.json")))!.AsObject();

    [Fact]
    public void Templates_read_values()
    {
        References().Should().Contain(["replicaCount", "operator.workers", "rbac.approvers.groups", "metrics.serviceMonitor.enabled"],
            "the parser must find references written directly and through variables");
    }

    [Fact]
    public void Every_value_a_template_reads_is_in_values_yaml_and_the_schema()
    {
        var references = References();

        references.Where(r => Find(Values, r) is null).Should().BeEmpty("values.yaml must define (and explain) every value the templates read");
        references.Where(r => SchemaFor(r) is null).Should().BeEmpty("values.schema.json must describe every value the templates read");
    }

    [Fact]
    public void Every_value_in_values_yaml_is_read_by_a_template()
    {
        var references = References();

        Leaves(Values, "").Where(leaf => !references.Any(r => leaf == r || leaf.StartsWith(r + ".", StringComparison.Ordinal)))
            .Should().BeEmpty("a value no template reads misleads whoever sets it");
    }

    [Fact]
    public void Every_value_in_values_yaml_is_in_the_schema()
    {
        Leaves(Values, "").Where(leaf => SchemaFor(leaf) is null).Should().BeEmpty();
    }

    /// <summary>Dotted value paths the templates read.</summary>
    private static HashSet<string> References()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Templates)
        {
            var text = File.ReadAllText(file);
            var aliases = Alias().Matches(text).ToList();
            var fields = ThroughVariable().Matches(text).ToList();
            foreach (Match m in Direct().Matches(text))
            {
                // `$op := .Values.operator` reads operator's fields one by one (below), not the whole section;
                // `range $ns := .Values.rbac.grantNamespaces` reads the whole value.
                var alias = aliases.FirstOrDefault(a => a.Index <= m.Index && m.Index < a.Index + a.Length);
                if (alias is null || !fields.Any(f => f.Groups["var"].Value == alias.Groups["var"].Value))
                {
                    found.Add(m.Groups["path"].Value);
                }
            }

            foreach (var m in fields)
            {
                if (aliases.FirstOrDefault(a => a.Groups["var"].Value == m.Groups["var"].Value) is { } alias)
                {
                    found.Add($"{alias.Groups["path"].Value}.{m.Groups["path"].Value}");
                }
            }
        }

        return found;
    }

    private static JsonNode? Find(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var step in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(step, out var child) ? child ?? JsonValue.Create("") : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static JsonNode? SchemaFor(string path)
    {
        JsonNode? node = Schema;
        foreach (var step in path.Split('.'))
        {
            var properties = node?["properties"] as JsonObject;
            if (properties is null || !properties.TryGetPropertyValue(step, out node))
            {
                // Free-form maps (labels, annotations, resources) describe their entries, not each key.
                return properties is null && node?["type"]?.GetValue<string>() == "object" && node["additionalProperties"] is not JsonValue ? node : null;
            }
        }

        return node;
    }

    private static IEnumerable<string> Leaves(JsonObject node, string prefix)
    {
        foreach (var (key, value) in node)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject child && child.Count > 0)
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    [GeneratedRegex(@"\$?\.Values\.(?<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex Direct();

    [GeneratedRegex(@"\$(?<var>[A-Za-z0-9_]+)\s*:=\s*\$?\.Values\.(?<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex Alias();

    [GeneratedRegex(@"\$(?<var>[A-Za-z0-9_]+)\.(?<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ThroughVariable();
}
