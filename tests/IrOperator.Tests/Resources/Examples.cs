using System.Text.Json.Nodes;
using IrOperator.Resources;

namespace IrOperator.Tests.Resources;

/// <summary>The manifests of examples/, as the tests see them (copied to the output folder).</summary>
internal static class Examples
{
    public static IReadOnlyList<string> Files =>
        Directory.GetFiles(GeneratedCrds.OutputPath("examples"), "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<(string File, JsonObject Json)> Manifests =>
        Files.SelectMany(f => IrOperator.Resources.Manifests.ParseYaml(File.ReadAllText(f)).Select(j => (Path.GetFileName(f), j))).ToList();

    public static IReadOnlyList<ResponderRole> Roles =>
        Manifests.Select(m => IrOperator.Resources.Manifests.ToObject(m.Json)).OfType<ResponderRole>().ToList();

    public static IReadOnlyList<BreakGlassGrant> Grants =>
        Manifests.Select(m => IrOperator.Resources.Manifests.ToObject(m.Json)).OfType<BreakGlassGrant>().ToList();
}
