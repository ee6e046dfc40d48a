using System.Text.RegularExpressions;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Maps a grant's <c>spec.requestedBy</c> (a Kubernetes user name such as <c>oidc:alice@example.com</c>) to the
/// sts:SourceIdentity every session must carry (docs/grants.md, "Source identity"). The rule is deliberately
/// small: strip the first configured prefix that matches, change nothing else, and refuse what does not fit
/// STS's rule (2-64 characters of <c>[A-Za-z0-9_+=,.@-]</c>, not starting with <c>aws:</c>). No lower-casing and
/// no replacing of characters: two Kubernetes users must never map to one source identity by accident, and
/// CloudTrail must show a name the security team recognizes.
/// </summary>
public sealed partial class SourceIdentityRule
{
    /// <summary>The default: strip <c>oidc:</c>, the prefix commonly configured for OIDC users (--oidc-username-prefix).</summary>
    public static SourceIdentityRule Default { get; } = new(["oidc:"]);

    public SourceIdentityRule(IReadOnlyList<string> stripPrefixes)
    {
        ArgumentNullException.ThrowIfNull(stripPrefixes);
        if (stripPrefixes.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A source identity prefix to strip must not be empty.", nameof(stripPrefixes));
        }
        // Longest first, so "oidc:corp:" wins over "oidc:" when both are configured.
        StripPrefixes = [.. stripPrefixes.Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal)];
    }

    /// <summary>Prefixes removed from the user name, longest first; at most one is removed.</summary>
    public IReadOnlyList<string> StripPrefixes { get; }

    /// <summary>The source identity for <paramref name="requestedBy"/>, or an error message naming <c>spec.requestedBy</c>.</summary>
    public SourceIdentityResult Map(string? requestedBy)
    {
        if (string.IsNullOrEmpty(requestedBy))
        {
            return SourceIdentityResult.Invalid("spec.requestedBy: must name the requester");
        }

        var prefix = StripPrefixes.FirstOrDefault(p => requestedBy.StartsWith(p, StringComparison.Ordinal));
        var value = prefix is null ? requestedBy : requestedBy[prefix.Length..];
        var stripped = prefix is null ? "" : $" (after stripping the prefix \"{prefix}\")";

        // STS: "You cannot use a value that begins with the text aws:"; ':' is outside the character set anyway,
        // but the rule is stated so that a wider character set later cannot let it through.
        if (value.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            return SourceIdentityResult.Invalid($"spec.requestedBy: \"{requestedBy}\"{stripped} starts with \"aws:\", which STS reserves for itself");
        }
        if (value.Length is < 2 or > 64)
        {
            return SourceIdentityResult.Invalid(
                $"spec.requestedBy: \"{requestedBy}\"{stripped} is {value.Length} characters long; an STS source identity must be 2 to 64");
        }
        if (!Allowed().IsMatch(value))
        {
            var bad = value.First(c => !Allowed().IsMatch(c.ToString()));
            return SourceIdentityResult.Invalid(
                $"spec.requestedBy: \"{requestedBy}\"{stripped} contains '{bad}'; an STS source identity may only contain letters, digits and _+=,.@- " +
                "(configure a prefix to strip if your user names carry one, see docs/grants.md)");
        }
        return SourceIdentityResult.Valid(value);
    }

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
