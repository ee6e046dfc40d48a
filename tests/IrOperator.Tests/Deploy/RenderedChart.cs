using System.Text.Json.Nodes;

namespace IrOperator.Tests.Deploy;

/// <summary>The objects `helm template` rendered, found by kind and name.</summary>
internal sealed class RenderedChart(IReadOnlyList<JsonObject> objects)
{
    public IReadOnlyList<JsonObject> Objects => objects;

    public IEnumerable<JsonObject> OfKind(string kind) => objects.Where(o => o["kind"]?.GetValue<string>() == kind);

    public JsonObject Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o["metadata"]?["name"]?.GetValue<string>() == name)
        ?? throw new InvalidOperationException($"no {kind} {name} in the rendered chart: {string.Join(", ", objects.Select(o => $"{o["kind"]}/{o["metadata"]?["name"]}"))}");

    public JsonObject Deployment => Single("Deployment", "iroperator");

    public JsonObject Container => Deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();

    public string? Env(string name) =>
        Container["env"]!.AsArray().Select(e => e!.AsObject()).SingleOrDefault(e => e["name"]!.GetValue<string>() == name)?["value"]?.GetValue<string>();

    /// <summary>The names of a binding's subjects of one kind (Group, User, ServiceAccount).</summary>
    public IReadOnlyList<string> Subjects(string kind, string name, string subjectKind) =>
        Single(kind, name)["subjects"]!.AsArray().Select(s => s!.AsObject())
            .Where(s => s["kind"]!.GetValue<string>() == subjectKind).Select(s => s["name"]!.GetValue<string>()).ToList();
}
