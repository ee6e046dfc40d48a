using System.Text.Json;

namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// Reads a policy's JSON into the model and applies the checks IAM makes whatever the policy is used
/// for (grammar, Effect, Sid, condition operators and values, action and principal formats). The
/// checks that depend on the use live in <see cref="PolicyDocument.ValidateAsTrustPolicy"/> and
/// <see cref="PolicyDocument.ValidateAsIdentityPolicy"/>. Message texts are IAM's; the order of the
/// checks follows IAM's (grammar, then legacy parsing, then Sid uniqueness, then actions).
/// </summary>
internal static class PolicyParser
{
    public const string Version2012 = "2012-10-17";
    public const string Version2008 = "2008-10-17";

    private static readonly HashSet<string> TopLevelElements = new(StringComparer.Ordinal) { "Version", "Id", "Statement" };

    private static readonly HashSet<string> StatementElements = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    };

    public static PolicyDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw Syntax();
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Syntax();
            }

            var members = ReadMembers(root, TopLevelElements);
            var version = Version2008;
            if (members.TryGetValue("Version", out var versionElement))
            {
                version = versionElement.ValueKind == JsonValueKind.String ? versionElement.GetString()! : throw Syntax();
                if (version is not (Version2012 or Version2008))
                {
                    throw Syntax();
                }
            }

            string? id = null;
            if (members.TryGetValue("Id", out var idElement))
            {
                id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw Syntax();
            }

            var statements = ReadStatements(members.TryGetValue("Statement", out var s) ? s : throw Syntax());
            CheckSidsUnique(statements);
            foreach (var statement in statements)
            {
                if ((statement.Actions ?? statement.NotActions) is not { Count: > 0 })
                {
                    throw new MalformedPolicyException(PolicyMessages.MissingActions);
                }

                foreach (var action in statement.Actions ?? statement.NotActions!)
                {
                    CheckActionFormat(action);
                }
            }

            return new PolicyDocument(version, id, statements, PolicyKind.Unvalidated);
        }
    }

    private static MalformedPolicyException Syntax() => new(PolicyMessages.SyntaxErrors);

    private static Dictionary<string, JsonElement> ReadMembers(JsonElement element, HashSet<string> allowed)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            // An unknown element, or the same element twice, is a grammar error in IAM's parser.
            if (!allowed.Contains(property.Name) || !members.TryAdd(property.Name, property.Value))
            {
                throw Syntax();
            }
        }

        return members;
    }

    private static List<PolicyStatement> ReadStatements(JsonElement element)
    {
        var statements = new List<PolicyStatement>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                statements.Add(ReadStatement(element));
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    statements.Add(item.ValueKind == JsonValueKind.Object ? ReadStatement(item) : throw Syntax());
                }

                break;
            default:
                throw Syntax();
        }

        return statements.Count > 0 ? statements : throw Syntax();
    }

    private static PolicyStatement ReadStatement(JsonElement element)
    {
        var members = ReadMembers(element, StatementElements);
        if ((members.ContainsKey("Action") && members.ContainsKey("NotAction"))
            || (members.ContainsKey("Resource") && members.ContainsKey("NotResource"))
            || (members.ContainsKey("Principal") && members.ContainsKey("NotPrincipal")))
        {
            throw Syntax();
        }

        return new PolicyStatement(
            Sid: ReadSid(members),
            Effect: ReadEffect(members),
            Principal: members.TryGetValue("Principal", out var principal) ? ReadPrincipal(principal) : null,
            NotPrincipal: members.TryGetValue("NotPrincipal", out var notPrincipal) ? ReadPrincipal(notPrincipal) : null,
            Actions: ReadStringList(members, "Action"),
            NotActions: ReadStringList(members, "NotAction"),
            Resources: ReadStringList(members, "Resource"),
            NotResources: ReadStringList(members, "NotResource"),
            Conditions: members.TryGetValue("Condition", out var condition) ? ReadConditions(condition) : []);
    }

    private static string? ReadSid(Dictionary<string, JsonElement> members)
    {
        if (!members.TryGetValue("Sid", out var element))
        {
            return null;
        }

        var sid = element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Syntax();
        return sid.All(char.IsAsciiLetterOrDigit) ? sid : throw new MalformedPolicyException(PolicyMessages.SidNotAlphanumeric);
    }

    private static PolicyEffect ReadEffect(Dictionary<string, JsonElement> members)
    {
        if (!members.TryGetValue("Effect", out var element) || element.ValueKind != JsonValueKind.String)
        {
            throw Syntax();
        }

        // IAM's grammar accepts any case of Allow/Deny, but its second ("legacy") parse wants the exact case.
        return element.GetString() switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            var other when string.Equals(other, "Allow", StringComparison.OrdinalIgnoreCase)
                || string.Equals(other, "Deny", StringComparison.OrdinalIgnoreCase) => throw new MalformedPolicyException(PolicyMessages.LegacyParsing),
            _ => throw Syntax(),
        };
    }

    private static List<string>? ReadStringList(Dictionary<string, JsonElement> members, string name) =>
        members.TryGetValue(name, out var element) ? ReadStrings(element) : null;

    private static List<string> ReadStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Syntax())
            .ToList(),
        _ => throw Syntax(),
    };

    private static PrincipalSet ReadPrincipal(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*" ? PrincipalSet.Anyone : throw Syntax();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Syntax();
        }

        var entries = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not (PrincipalSet.Aws or PrincipalSet.Service or PrincipalSet.Federated or PrincipalSet.CanonicalUser))
            {
                throw Syntax();
            }

            var values = ReadStrings(property.Value);
            if (values.Count == 0)
            {
                throw Syntax();
            }

            foreach (var value in values)
            {
                PrincipalFormat.Check(property.Name, value);
            }

            if (!entries.TryAdd(property.Name, values))
            {
                throw Syntax();
            }
        }

        return entries.Count > 0 ? new PrincipalSet(false, entries) : throw Syntax();
    }

    private static List<ConditionClause> ReadConditions(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Syntax();
        }

        var clauses = new List<ConditionClause>();
        foreach (var operatorProperty in element.EnumerateObject())
        {
            var op = ConditionOperator.Parse(operatorProperty.Name);
            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                throw Syntax();
            }

            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                CheckConditionKey(keyProperty.Name);
                var values = ReadConditionValues(keyProperty.Value);
                if (op.Category == ConditionCategory.Date && !values.All(v => PolicyDate.TryParse(v, out _)))
                {
                    throw new MalformedPolicyException(PolicyMessages.LegacyParsing);
                }

                clauses.Add(new ConditionClause(op, keyProperty.Name, values));
            }
        }

        return clauses;
    }

    private static List<string> ReadConditionValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Select(ReadConditionValue).ToList(),
        _ => [ReadConditionValue(element)],
    };

    // IAM accepts unquoted booleans and numbers ("aws:SecureTransport": false) and compares their text.
    private static string ReadConditionValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => throw Syntax(),
    };

    private static void CheckConditionKey(string key)
    {
        if (!key.Contains(':', StringComparison.Ordinal))
        {
            throw new MalformedPolicyException(PolicyMessages.ActionWithoutVendor);
        }
    }

    private static void CheckSidsUnique(List<PolicyStatement> statements)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sid in statements.Select(s => s.Sid).Where(sid => !string.IsNullOrEmpty(sid)))
        {
            if (!seen.Add(sid!))
            {
                throw new MalformedPolicyException(PolicyMessages.SidNotUnique);
            }
        }
    }

    private static void CheckActionFormat(string action)
    {
        if (action == "*")
        {
            return;
        }

        var parts = action.Split(':');
        if (parts.Length == 1)
        {
            throw new MalformedPolicyException(PolicyMessages.ActionWithoutVendor);
        }

        if (parts.Length > 2)
        {
            throw new MalformedPolicyException(PolicyMessages.ActionWithTwoColons);
        }

        if (parts[0].Length == 0 || !parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            throw new MalformedPolicyException(PolicyMessages.InvalidVendor(parts[0]));
        }
    }
}
