namespace IrOperator.Iam.Policies;

/// <summary>
/// One statement of a policy. Lists are null when the element is absent; a one-element list and a
/// single string are the same thing (IAM accepts both, the canonical form writes a string).
/// Equality (<c>==</c>, <c>Equals</c>) is semantic, as in <see cref="SemanticallyEquals"/>.
/// </summary>
public sealed record PolicyStatement
{
    public string? Sid { get; init; }

    public PolicyEffect Effect { get; init; } = PolicyEffect.Allow;

    public PolicyPrincipal? Principal { get; init; }

    public PolicyPrincipal? NotPrincipal { get; init; }

    public IReadOnlyList<string>? Action { get; init; }

    public IReadOnlyList<string>? NotAction { get; init; }

    public IReadOnlyList<string>? Resource { get; init; }

    public IReadOnlyList<string>? NotResource { get; init; }

    public IReadOnlyList<PolicyCondition> Condition { get; init; } = [];

    /// <summary>Same meaning for IAM (see <see cref="PolicyNormalizer"/> for the rules).</summary>
    public bool SemanticallyEquals(PolicyStatement? other) =>
        other is not null && PolicyNormalizer.StatementKey(this) == PolicyNormalizer.StatementKey(other);

    public bool Equals(PolicyStatement? other) => SemanticallyEquals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(PolicyNormalizer.StatementKey(this));

    /// <summary>The statement alone as canonical JSON (e.g. to show it in a plan).</summary>
    public string ToJson() => PolicyWriter.Statement(this);
}
