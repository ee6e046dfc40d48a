namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// A statement's Principal or NotPrincipal: <c>"*"</c>, or principal type ("AWS", "Service",
/// "Federated", "CanonicalUser") to its values, as written in the policy.
/// </summary>
public sealed record PrincipalSet(bool IsAnyone, IReadOnlyDictionary<string, IReadOnlyList<string>> Entries)
{
    public const string Aws = "AWS";
    public const string Service = "Service";
    public const string Federated = "Federated";
    public const string CanonicalUser = "CanonicalUser";

    public static PrincipalSet Anyone { get; } = new(true, new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyList<string> ValuesOf(string type) =>
        Entries.TryGetValue(type, out var values) ? values : [];
}
