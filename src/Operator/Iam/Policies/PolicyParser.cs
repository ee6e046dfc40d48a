using System.Globalization;
using System.Text.Json;

namespace IrOperator.Iam.Policies;

/// <summary>
/// Reads JSON into <see cref="PolicyDocument"/> with the checks IAM applies to every policy (grammar,
/// Version, Effect, Sid, Action format, condition operators and values, principal shape), failing
/// on the first error with the field named. The checks that depend on the policy's use are in
/// <see cref="PolicyValidator"/>. The AWS emulator's parser (src/Sandbox/Aws/Policy) applies the same
/// rules with IAM's own messages; this one names fields for users instead. See docs/iam-model.md.
/// </summary>
internal static class PolicyParser
{
    private static readonly string[] TopLevelElements = ["Version", "Id", "Statement"];

    private static readonly string[] StatementElements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private static readonly string[] PrincipalTypes =
        [PolicyPrincipal.Aws, PolicyPrincipal.Service, PolicyPrincipal.Federated, PolicyPrincipal.CanonicalUser];

    public static PolicyDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Error("", $"is not valid JSON ({e.Message})");
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("", "must be a JSON object");
            }

            var members = Members(root, TopLevelElements, "");
            var version = PolicyDocument.Version2008;
            if (members.TryGetValue("Version", out var v))
            {
                version = v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error("Version", "must be a string");
                if (version is not (PolicyDocument.Version2012 or PolicyDocument.Version2008))
                {
                    throw Error("Version", $"must be {PolicyDocument.Version2012} or {PolicyDocument.Version2008}, not \"{version}\"");
                }
            }

            string? id = null;
            if (members.TryGetValue("Id", out var idElement))
            {
                id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw Error("Id", "must be a string");
            }

            if (!members.TryGetValue("Statement", out var statementElement))
            {
                throw Error("Statement", "is required");
            }

            var statements = Statements(statementElement);
            CheckSidsUnique(statements);
            return new PolicyDocument(statements, version) { Id = id };
        }
    }

    private static PolicyFormatException Error(string field, string message) => new(new PolicyError(field, message));

    private static Dictionary<string, JsonElement> Members(JsonElement element, string[] allowed, string path)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var field = Join(path, property.Name);
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                var known = allowed.FirstOrDefault(name => string.Equals(name, property.Name, StringComparison.OrdinalIgnoreCase));
                throw Error(field, known is null
                    ? $"is not a policy element here (expected one of {string.Join(", ", allowed)})"
                    : $"element names are case-sensitive: write {known}");
            }

            if (!members.TryAdd(property.Name, property.Value))
            {
                throw Error(field, "appears more than once");
            }
        }

        return members;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static List<PolicyStatement> Statements(JsonElement element)
    {
        var statements = new List<PolicyStatement>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                statements.Add(Statement(element, "Statement[0]"));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var path = $"Statement[{index++}]";
                    statements.Add(item.ValueKind == JsonValueKind.Object ? Statement(item, path) : throw Error(path, "must be an object"));
                }

                break;
            default:
                throw Error("Statement", "must be an object or an array of objects");
        }

        return statements.Count > 0 ? statements : throw Error("Statement", "must hold at least one statement");
    }

    private static PolicyStatement Statement(JsonElement element, string path)
    {
        var members = Members(element, StatementElements, path);
        Exclusive(members, path, "Action", "NotAction");
        Exclusive(members, path, "Resource", "NotResource");
        Exclusive(members, path, "Principal", "NotPrincipal");
        if (!members.ContainsKey("Action") && !members.ContainsKey("NotAction"))
        {
            throw Error(Join(path, "Action"), "is required (or NotAction)");
        }

        return new PolicyStatement
        {
            Sid = Sid(members, path),
            Effect = Effect(members, path),
            Principal = members.TryGetValue("Principal", out var principal) ? Principal(principal, Join(path, "Principal")) : null,
            NotPrincipal = members.TryGetValue("NotPrincipal", out var notPrincipal) ? Principal(notPrincipal, Join(path, "NotPrincipal")) : null,
            Action = Actions(members, path, "Action"),
            NotAction = Actions(members, path, "NotAction"),
            Resource = Strings(members, path, "Resource"),
            NotResource = Strings(members, path, "NotResource"),
            Condition = members.TryGetValue("Condition", out var condition) ? Conditions(condition, Join(path, "Condition")) : [],
        };
    }

    private static void Exclusive(Dictionary<string, JsonElement> members, string path, string one, string other)
    {
        if (members.ContainsKey(one) && members.ContainsKey(other))
        {
            throw Error(Join(path, other), $"cannot be used together with {one}");
        }
    }

    private static string? Sid(Dictionary<string, JsonElement> members, string path)
    {
        if (!members.TryGetValue("Sid", out var element))
        {
            return null;
        }

        var field = Join(path, "Sid");
        var sid = element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(field, "must be a string");
        return sid.All(char.IsAsciiLetterOrDigit) ? sid : throw Error(field, $"\"{sid}\" must be alphanumeric (A-Z, a-z, 0-9)");
    }

    private static PolicyEffect Effect(Dictionary<string, JsonElement> members, string path)
    {
        var field = Join(path, "Effect");
        if (!members.TryGetValue("Effect", out var element))
        {
            throw Error(field, "is required (Allow or Deny)");
        }

        return element.ValueKind == JsonValueKind.String && element.GetString() is var text
            ? text switch
            {
                "Allow" => PolicyEffect.Allow,
                "Deny" => PolicyEffect.Deny,
                _ => throw Error(field, "must be Allow or Deny"),
            }
            : throw Error(field, "must be Allow or Deny");
    }

    private static List<string>? Strings(Dictionary<string, JsonElement> members, string path, string name) =>
        members.TryGetValue(name, out var element) ? Strings(element, Join(path, name)) : null;

    private static List<string> Strings(JsonElement element, string field)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [element.GetString()!];
            case JsonValueKind.Array:
                var values = new List<string>();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    values.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Error($"{field}[{index}]", "must be a string"));
                    index++;
                }

                return values.Count > 0 ? values : throw Error(field, "must not be empty");
            default:
                throw Error(field, "must be a string or an array of strings");
        }
    }

    private static List<string>? Actions(Dictionary<string, JsonElement> members, string path, string name)
    {
        var actions = Strings(members, path, name);
        if (actions is null)
        {
            return null;
        }

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (action == "*")
            {
                continue;
            }

            var field = Join(path, name) + (actions.Count > 1 ? $"[{i}]" : "");
            var parts = action.Split(':');
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                throw Error(field, $"\"{action}\" must be \"*\" or service:action (e.g. logs:GetLogEvents)");
            }

            if (parts[0].Length == 0 || !parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                throw Error(field, $"\"{action}\" has an invalid service prefix \"{parts[0]}\"");
            }
        }

        return actions;
    }

    private static PolicyPrincipal Principal(JsonElement element, string field)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*" ? PolicyPrincipal.Wildcard : throw Error(field, "must be \"*\" or an object such as {\"AWS\": \"arn:...\"}");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(field, "must be \"*\" or an object such as {\"AWS\": \"arn:...\"}");
        }

        var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var property in element.EnumerateObject())
        {
            var typeField = Join(field, property.Name);
            if (!PrincipalTypes.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(typeField, $"is not a principal type (expected one of {string.Join(", ", PrincipalTypes)})");
            }

            if (entries.Any(entry => entry.Key == property.Name))
            {
                throw Error(typeField, "appears more than once");
            }

            var values = Strings(property.Value, typeField);
            for (var i = 0; i < values.Count; i++)
            {
                if (property.Name == PolicyPrincipal.Aws && !IsAwsPrincipal(values[i]))
                {
                    throw Error(typeField + (values.Count > 1 ? $"[{i}]" : ""),
                        $"\"{values[i]}\" must be \"*\", an account id or an IAM/STS principal ARN without wildcards");
                }
            }

            entries.Add(new(property.Name, values));
        }

        return entries.Count > 0 ? PolicyPrincipal.Of(entries) : throw Error(field, "must name at least one principal");
    }

    // IAM allows no wildcard inside an AWS principal, only the whole value "*"; patterns belong in an
    // aws:PrincipalArn condition, as the operator's trust statements do (docs/iam-model.md).
    private static bool IsAwsPrincipal(string value) =>
        value == "*"
        || PolicyNormalizer.IsAccountId(value)
        || (value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(':').Length >= 6
            && !value.Contains('*', StringComparison.Ordinal) && !value.Contains('?', StringComparison.Ordinal))
        // A principal that was deleted shows as its unique id (AROA..., AIDA...) in documents IAM returns.
        || (value.Length > 4 && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) && value.StartsWith('A'));

    private static List<PolicyCondition> Conditions(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(field, "must be an object: {operator: {key: value}}");
        }

        var conditions = new List<PolicyCondition>();
        var operators = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operatorProperty in element.EnumerateObject())
        {
            var operatorField = Join(field, operatorProperty.Name);
            if (!ConditionOperators.IsKnown(operatorProperty.Name))
            {
                throw Error(operatorField, "is not an IAM condition operator");
            }

            if (!operators.Add(operatorProperty.Name))
            {
                throw Error(operatorField, "appears more than once");
            }

            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                throw Error(operatorField, "must be an object: {key: value}");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                var keyField = Join(operatorField, keyProperty.Name);
                if (!keyProperty.Name.Contains(':', StringComparison.Ordinal))
                {
                    throw Error(keyField, "a condition key has a service prefix (e.g. aws:SourceIp)");
                }

                if (!keys.Add(keyProperty.Name))
                {
                    throw Error(keyField, "appears more than once");
                }

                var values = ConditionValues(keyProperty.Value, keyField);
                if (ConditionOperators.IsDate(operatorProperty.Name) && values.FirstOrDefault(value => !IsDate(value)) is { } bad)
                {
                    throw Error(keyField, $"\"{bad}\" is not a date (ISO 8601 or epoch seconds)");
                }

                conditions.Add(new PolicyCondition(operatorProperty.Name, keyProperty.Name, values));
            }
        }

        return conditions;
    }

    private static List<string> ConditionValues(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return [ConditionValue(element, field)];
        }

        var values = element.EnumerateArray().Select((item, i) => ConditionValue(item, $"{field}[{i}]")).ToList();
        return values.Count > 0 ? values : throw Error(field, "must not be empty");
    }

    // IAM accepts unquoted booleans and numbers ("aws:SecureTransport": false) and compares their text.
    private static string ConditionValue(JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => throw Error(field, "must be a string, a number, a boolean or an array of them"),
    };

    // ISO 8601 as IAM's date operators read it (the AWS emulator's PolicyDate accepts the same forms).
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd", "yyyyMMdd'T'HHmmssK", "yyyyMMdd'T'HHmmss",
    ];

    private static bool IsDate(string value) =>
        // A policy variable such as ${aws:TokenIssueTime} is resolved at evaluation time.
        value.StartsWith("${", StringComparison.Ordinal)
        || (value.Length > 0 && value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        || DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static void CheckSidsUnique(List<PolicyStatement> statements)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].Sid is { Length: > 0 } sid && !seen.TryAdd(sid, i))
            {
                throw Error($"Statement[{i}].Sid", $"\"{sid}\" is also the Sid of Statement[{seen[sid]}]; Sids must be unique in a policy");
            }
        }
    }
}
