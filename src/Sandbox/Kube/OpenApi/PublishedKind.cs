using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>A kind as it appears in a group-version document: its schema and the paths that serve it.</summary>
internal sealed record PublishedKind(
    string Group,
    string Version,
    string Kind,
    string ListKind,
    string Plural,
    bool Namespaced,
    string SchemaName,
    JsonObject Schema,
    bool HasStatus)
{
    /// <summary>The index key and URL prefix: <c>api/v1</c> or <c>apis/&lt;group&gt;/&lt;version&gt;</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";

    public string ListSchemaName => SchemaName[..(SchemaName.Length - Kind.Length)] + ListKind;

    /// <summary>Component names the real server uses: the group's DNS labels reversed, e.g. <c>io.iroperator.v1alpha1.ResponderRole</c>.</summary>
    public static string CustomSchemaName(string group, string version, string kind) =>
        $"{string.Join('.', group.Split('.').Reverse())}.{version}.{kind}";
}
