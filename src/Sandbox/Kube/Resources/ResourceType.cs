using IrOperator.Sandbox.Kube.Printing;
using IrOperator.Schema;

namespace IrOperator.Sandbox.Kube.Resources;

/// <summary>
/// One served resource at one group-version: what discovery lists, how the URL maps to storage, and for
/// custom resources the compiled schema and printer columns of that CRD version.
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    bool HasStatus,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    StructuralSchema? Schema,
    Func<TimeProvider, TableBuilder> Table)
{
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    /// <summary>The verbs discovery lists (access reviews are create-only).</summary>
    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    /// <summary>True for custom resources: they get schema validation and refuse unconditional updates.</summary>
    public bool IsCustom => Schema is not null;

    public string ListKind => Kind + "List";

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// Storage is per group and resource, not per version (versions of a CRD share objects); events.k8s.io
    /// Events share the core Events' store, as on the server (see <see cref="EventConversion"/>).
    /// </summary>
    public string StorageKey => EventConversion.IsEventsV1(this) ? "/events" : $"{Group}/{Plural}";

    /// <summary>As the server names a resource in messages: <c>breakglassgrants.iroperator.io</c>, or <c>namespaces</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
