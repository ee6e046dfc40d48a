namespace IrOperator.Iam.Policies;

/// <summary>
/// A trust statement's Principal or NotPrincipal: the bare wildcard <c>"*"</c>, or principal type
/// ("AWS", "Service", "Federated", "CanonicalUser") to values. <c>"*"</c> and <c>{"AWS":"*"}</c> are
/// kept apart: some services treat them differently (AWS CDK's StarPrincipal/AnyPrincipal notes),
/// so the model never claims they are equal.
/// </summary>
public sealed record PolicyPrincipal
{
    public const string Aws = "AWS";
    public const string Service = "Service";
    public const string Federated = "Federated";
    public const string CanonicalUser = "CanonicalUser";

    private PolicyPrincipal(bool isWildcard, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> entries)
    {
        IsWildcard = isWildcard;
        Entries = entries;
    }

    /// <summary><c>"Principal": "*"</c>.</summary>
    public static PolicyPrincipal Wildcard { get; } = new(true, []);

    /// <summary>True for the bare <c>"*"</c> form.</summary>
    public bool IsWildcard { get; }

    /// <summary>Principal type to values, in document order (empty for the bare wildcard).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Entries { get; }

    public static PolicyPrincipal Of(string type, params IReadOnlyList<string> values) => Of([new(type, values)]);

    public static PolicyPrincipal Of(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new PolicyPrincipal(false, entries);
    }

    /// <summary><c>{"AWS": arns}</c>.</summary>
    public static PolicyPrincipal AwsPrincipals(params IReadOnlyList<string> arns) => Of(Aws, arns);

    /// <summary>Structural equality (same types and values in the same order); documents compare semantically.</summary>
    public bool Equals(PolicyPrincipal? other) =>
        other is not null && IsWildcard == other.IsWildcard
        && Entries.Count == other.Entries.Count
        && Entries.Zip(other.Entries).All(pair => pair.First.Key == pair.Second.Key && pair.First.Value.SequenceEqual(pair.Second.Value, StringComparer.Ordinal));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsWildcard);
        foreach (var entry in Entries)
        {
            hash.Add(entry.Key, StringComparer.Ordinal);
            foreach (var value in entry.Value)
            {
                hash.Add(value, StringComparer.Ordinal);
            }
        }

        return hash.ToHashCode();
    }

    public IReadOnlyList<string> ValuesOf(string type) =>
        Entries.Where(entry => entry.Key == type).SelectMany(entry => entry.Value).ToList();
}
