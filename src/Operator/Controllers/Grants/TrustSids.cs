using IrOperator.Iam.Policies;

namespace IrOperator.Controllers.Grants;

/// <summary>The Sids of a trust policy's statements, for the role's apply path to report what IAM showed or what it wrote.</summary>
public static class TrustSids
{
    /// <summary>The Sids of a document as IAM returned it (already URL-decoded); none when it cannot be parsed.</summary>
    public static IReadOnlySet<string> Of(string? json) =>
        json is not null && PolicyDocument.TryParse(json, out var document, out _) ? Of(document) : new HashSet<string>(StringComparer.Ordinal);

    public static IReadOnlySet<string> Of(PolicyDocument? document) =>
        (document?.Statements ?? []).Select(s => s.Sid).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
