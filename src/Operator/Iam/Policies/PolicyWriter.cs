using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IrOperator.Iam.Policies;

/// <summary>
/// Writes the canonical JSON of a policy: no white space, members in IAM's documented order,
/// condition operators and keys sorted (ordinal), one-element lists as plain strings. Characters
/// are written as they are (no \u escapes for '+', '&lt;' or non-ASCII), so the size counted is the
/// size IAM sees after URL-decoding. See docs/iam-model.md.
/// </summary>
internal static class PolicyWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Document(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("Version", document.Version);
            if (document.Id is not null)
            {
                writer.WriteString("Id", document.Id);
            }

            writer.WritePropertyName("Statement");
            if (document.Statements.Count == 1)
            {
                WriteStatement(writer, document.Statements[0]);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var statement in document.Statements)
                {
                    WriteStatement(writer, statement);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });
    }

    public static string Statement(PolicyStatement statement) => Write(writer => WriteStatement(writer, statement));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
    {
        writer.WriteStartObject();
        if (!string.IsNullOrEmpty(statement.Sid))
        {
            writer.WriteString("Sid", statement.Sid);
        }

        writer.WriteString("Effect", statement.Effect == PolicyEffect.Allow ? "Allow" : "Deny");
        WritePrincipal(writer, "Principal", statement.Principal);
        WritePrincipal(writer, "NotPrincipal", statement.NotPrincipal);
        WriteList(writer, "Action", statement.Action);
        WriteList(writer, "NotAction", statement.NotAction);
        WriteList(writer, "Resource", statement.Resource);
        WriteList(writer, "NotResource", statement.NotResource);
        if (statement.Condition.Count > 0)
        {
            writer.WritePropertyName("Condition");
            writer.WriteStartObject();
            foreach (var byOperator in statement.Condition.GroupBy(c => c.Operator, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(byOperator.Key);
                writer.WriteStartObject();
                string? previous = null;
                foreach (var condition in byOperator.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    // Two clauses on one key under one operator cannot be written as JSON; merging them would turn AND into OR.
                    if (condition.Key == previous)
                    {
                        throw new InvalidOperationException($"Condition {byOperator.Key} names {condition.Key} twice.");
                    }

                    previous = condition.Key;
                    WriteValues(writer, condition.Key, condition.Values);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WritePrincipal(Utf8JsonWriter writer, string name, PolicyPrincipal? principal)
    {
        if (principal is null)
        {
            return;
        }

        if (principal.IsWildcard)
        {
            writer.WriteString(name, "*");
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var entry in principal.Entries)
        {
            WriteValues(writer, entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            WriteValues(writer, name, values);
        }
    }

    private static void WriteValues(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
