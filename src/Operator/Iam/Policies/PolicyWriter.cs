using System.Globalization;
using System.Text;

namespace IrOperator.Iam.Policies;

/// <summary>
/// Writes the canonical JSON of a policy: no white space, members in IAM's documented order,
/// condition operators and keys sorted (ordinal), one-element lists as plain strings. Strings escape
/// only what JSON requires (quote, backslash, control characters), so '+', '&lt;', non-ASCII and
/// emoji are written as they are and the size counted is the size IAM sees after URL-decoding
/// (System.Text.Json's encoders escape some of these). See docs/iam-model.md.
/// </summary>
internal static class PolicyWriter
{
    public static string Document(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var json = new StringBuilder();
        json.Append('{');
        Property(json, "Version");
        String(json, document.Version);
        if (document.Id is not null)
        {
            json.Append(',');
            Property(json, "Id");
            String(json, document.Id);
        }

        json.Append(',');
        Property(json, "Statement");
        if (document.Statements.Count == 1)
        {
            WriteStatement(json, document.Statements[0]);
        }
        else
        {
            json.Append('[');
            for (var i = 0; i < document.Statements.Count; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                WriteStatement(json, document.Statements[i]);
            }

            json.Append(']');
        }

        return json.Append('}').ToString();
    }

    public static string Statement(PolicyStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var json = new StringBuilder();
        WriteStatement(json, statement);
        return json.ToString();
    }

    private static void WriteStatement(StringBuilder json, PolicyStatement statement)
    {
        var members = new List<Action>();
        if (!string.IsNullOrEmpty(statement.Sid))
        {
            members.Add(() => Values(json, "Sid", [statement.Sid]));
        }

        members.Add(() => Values(json, "Effect", [statement.Effect == PolicyEffect.Allow ? "Allow" : "Deny"]));
        AddPrincipal(json, members, "Principal", statement.Principal);
        AddPrincipal(json, members, "NotPrincipal", statement.NotPrincipal);
        AddList(json, members, "Action", statement.Action);
        AddList(json, members, "NotAction", statement.NotAction);
        AddList(json, members, "Resource", statement.Resource);
        AddList(json, members, "NotResource", statement.NotResource);
        if (statement.Condition.Count > 0)
        {
            members.Add(() => Condition(json, statement.Condition));
        }

        Object(json, members);
    }

    private static void Condition(StringBuilder json, IReadOnlyList<PolicyCondition> conditions)
    {
        Property(json, "Condition");
        var operators = conditions.GroupBy(c => c.Operator, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        Object(json, operators.Select(byOperator => (Action)(() =>
        {
            Property(json, byOperator.Key);
            var clauses = byOperator.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            for (var i = 1; i < clauses.Count; i++)
            {
                // Two clauses on one key under one operator cannot be written as JSON; merging them would turn AND into OR.
                if (clauses[i].Key == clauses[i - 1].Key)
                {
                    throw new InvalidOperationException($"Condition {byOperator.Key} names {clauses[i].Key} twice.");
                }
            }

            Object(json, clauses.Select(clause => (Action)(() => Values(json, clause.Key, clause.Values))).ToList());
        })).ToList());
    }

    private static void AddPrincipal(StringBuilder json, List<Action> members, string name, PolicyPrincipal? principal)
    {
        if (principal is null)
        {
            return;
        }

        members.Add(() =>
        {
            if (principal.IsWildcard)
            {
                Values(json, name, ["*"]);
                return;
            }

            Property(json, name);
            Object(json, principal.Entries.Select(entry => (Action)(() => Values(json, entry.Key, entry.Value))).ToList());
        });
    }

    private static void AddList(StringBuilder json, List<Action> members, string name, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            members.Add(() => Values(json, name, values));
        }
    }

    private static void Object(StringBuilder json, IReadOnlyList<Action> members)
    {
        json.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            members[i]();
        }

        json.Append('}');
    }

    private static void Values(StringBuilder json, string name, IReadOnlyList<string> values)
    {
        Property(json, name);
        if (values.Count == 1)
        {
            String(json, values[0]);
            return;
        }

        json.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            String(json, values[i]);
        }

        json.Append(']');
    }

    private static StringBuilder Property(StringBuilder json, string name)
    {
        String(json, name);
        return json.Append(':');
    }

    private static void String(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
