using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace IrOperator.Iam.Policies;

/// <summary>
/// An IAM policy document (identity or trust policy) as a typed value. <see cref="Parse(string)"/>
/// reads JSON (IAM's documents arrive URL-decoded from <c>IamClient</c>) with IAM's grammar checks;
/// <see cref="ToJson"/> writes the canonical form that is sent, counted and hashed; equality is
/// semantic (<see cref="SemanticallyEquals"/>). A document that cannot be parsed throws
/// <see cref="PolicyFormatException"/>: it is never "equal" to anything. See docs/iam-model.md.
/// </summary>
public sealed record PolicyDocument
{
    public const string Version2012 = "2012-10-17";
    public const string Version2008 = "2008-10-17";

    public PolicyDocument(IReadOnlyList<PolicyStatement> statements, string version = Version2012)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(version);
        Statements = statements;
        Version = version;
    }

    /// <summary>"2012-10-17" or "2008-10-17"; IAM assumes 2008-10-17 when the element is absent.</summary>
    public string Version { get; init; }

    public string? Id { get; init; }

    public IReadOnlyList<PolicyStatement> Statements { get; init; }

    /// <summary>Reads a policy (URL-decoded JSON); throws <see cref="PolicyFormatException"/> naming the field.</summary>
    public static PolicyDocument Parse(string json) => PolicyParser.Parse(json);

    /// <summary>Reads a policy given as a JSON object (e.g. a ResponderRole's inline policy).</summary>
    public static PolicyDocument Parse(JsonNode? node) =>
        node is JsonObject ? PolicyParser.Parse(node.ToJsonString()) : throw new PolicyFormatException(new PolicyError("", "must be a JSON object"));

    public static bool TryParse(string json, [NotNullWhen(true)] out PolicyDocument? document, [NotNullWhen(false)] out PolicyError? error)
    {
        try
        {
            document = PolicyParser.Parse(json);
            error = null;
            return true;
        }
        catch (PolicyFormatException e)
        {
            document = null;
            error = e.Error;
            return false;
        }
    }

    /// <summary>
    /// Canonical JSON: no white space, members in IAM's documented order (Version, Id, Statement;
    /// Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition),
    /// condition operators and keys sorted (ordinal), statements and list values in the order given,
    /// one-element lists as a plain string. This is what the operator sends and what sizes count.
    /// </summary>
    public string ToJson() => PolicyWriter.Document(this);

    /// <summary>The characters IAM charges against its quotas for this document as sent (<see cref="ToJson"/>).</summary>
    public int Size => PolicySize.Count(ToJson());

    /// <summary>
    /// The order-free, case-folded form whose canonical JSON is equal exactly when two documents mean
    /// the same to IAM (see <see cref="PolicyNormalizer"/>); usable as a hash input.
    /// </summary>
    public string SemanticKey => PolicyNormalizer.DocumentKey(this);

    public bool SemanticallyEquals(PolicyDocument? other) => other is not null && SemanticKey == other.SemanticKey;

    public bool Equals(PolicyDocument? other) => SemanticallyEquals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(SemanticKey);

    public PolicyStatement? FindStatement(string sid) =>
        Statements.FirstOrDefault(statement => string.Equals(statement.Sid, sid, StringComparison.Ordinal));

    public override string ToString() => ToJson();
}
