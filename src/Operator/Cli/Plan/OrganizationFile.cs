using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Aws.Inventory;

namespace IrOperator.Cli.Plan;

/// <summary>
/// Reads an organization from a file in the format the sandbox writes (<c>accounts.json</c>, docs/gitops.md,
/// "The organization file"): <c>organizationalUnits</c> with <c>id</c> and <c>parentId</c>, and <c>accounts</c>
/// with <c>id</c>, <c>name</c>, <c>state</c> (ACTIVE, SUSPENDED...), <c>parentId</c> and <c>tags</c>. The
/// result is the snapshot the operator's inventory builds from AWS Organizations, so the selectors resolve
/// through the same <see cref="OrganizationSnapshot.Select"/>.
/// </summary>
public static class OrganizationFile
{
    /// <exception cref="FormatException">The file is not such a document; the message names the field.</exception>
    public static OrganizationSnapshot Parse(string json, DateTimeOffset readAt)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }

        if (root?["accounts"] is not JsonArray accounts)
        {
            throw new FormatException("accounts: required, a list of the organization's accounts");
        }

        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var unit in root["organizationalUnits"] as JsonArray ?? [])
        {
            var id = Text(unit, "id") ?? throw new FormatException("organizationalUnits[].id: required");
            parents[id] = Text(unit, "parentId");
        }

        var result = new Dictionary<string, InventoryAccount>(StringComparer.Ordinal);
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            var id = Text(account, "id") ?? throw new FormatException($"accounts[{i}].id: required");
            var state = Text(account, "state") ?? "ACTIVE";
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (account?["tags"] is JsonObject tagObject)
            {
                foreach (var (key, value) in tagObject)
                {
                    tags[key] = value?.ToString() ?? "";
                }
            }

            result[id] = new InventoryAccount(id, Text(account, "name") ?? id, state == "ACTIVE", state, Units(Text(account, "parentId"), parents), tags);
        }

        return new OrganizationSnapshot(result, readAt);
    }

    /// <summary>The OU ids above an account, nearest last, the root excluded (as <see cref="AccountInventory"/> builds them).</summary>
    private static List<string> Units(string? parentId, Dictionary<string, string?> parents)
    {
        var chain = new List<string>();
        for (var id = parentId; id is not null && parents.ContainsKey(id) && chain.Count < 64; id = parents[id])
        {
            chain.Insert(0, id);
        }

        return chain;
    }

    private static string? Text(JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
