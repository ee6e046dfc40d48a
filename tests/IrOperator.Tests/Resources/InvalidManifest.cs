using System.Text.Json.Nodes;

namespace IrOperator.Tests.Resources;

/// <summary>
/// A manifest the API server must refuse: a valid example with one thing broken, and the field the
/// rejection must name. With <see cref="IsUpdate"/> the valid example is created first and the broken
/// one replaces it.
/// </summary>
internal sealed record InvalidManifest(string Name, string Kind, string Field, Action<JsonObject> Break, bool IsUpdate = false)
{
    /// <summary>The valid example this case starts from.</summary>
    public JsonObject Valid() => Kind switch
    {
        "ResponderRole" => Examples.Manifests.Single(m => m.File.Contains("forensic-investigator", StringComparison.Ordinal)).Json,
        "BreakGlassGrant" => Examples.Manifests.Single(m => m.File.Contains("breakglassgrant", StringComparison.Ordinal)).Json,
        _ => throw new ArgumentException(Kind),
    };

    public JsonObject Broken()
    {
        var manifest = Valid();
        Break(manifest);
        return manifest;
    }

    public override string ToString() => Name;
}
