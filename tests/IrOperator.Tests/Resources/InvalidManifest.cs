using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IrOperator.Tests.Resources;

/// <summary>
/// A manifest the API server must refuse: a valid example with one thing broken, and the field the
/// rejection must name. With <see cref="IsUpdate"/> the valid example is created first and the broken
/// one replaces it.
/// </summary>
internal sealed record InvalidManifest(string Name, string Kind, string Field, Action<JsonObject> Break, bool IsUpdate = false)
{
    /// <summary>The valid example this case starts from.</summary>
    /// <param name="name">A name for the object (tests against one API server need distinct names).</param>
    public JsonObject Valid(string? name = null)
    {
        var manifest = Kind switch
        {
            "ResponderRole" => Examples.Manifests.Single(m => m.File.Contains("forensic-investigator", StringComparison.Ordinal)).Json,
            "BreakGlassGrant" => Examples.Manifests.Single(m => m.File.Contains("breakglassgrant", StringComparison.Ordinal)).Json,
            _ => throw new ArgumentException(Kind),
        };
        if (name is not null)
        {
            manifest["metadata"]!["name"] = name;
        }

        return manifest;
    }

    public JsonObject Broken(string? name = null)
    {
        var manifest = Valid(name);
        Break(manifest);
        return manifest;
    }

    /// <summary>
    /// Whether an error message names <see cref="Field"/> as a whole path (<c>spec: …</c> does not count
    /// as naming <c>spec</c> when the message is about <c>spec.duration</c>).
    /// </summary>
    public bool IsNamedIn(string message) =>
        Regex.IsMatch(message, @"(^|[\s\[])" + Regex.Escape(Field) + "[: ]", RegexOptions.CultureInvariant);

    public override string ToString() => Name;
}
