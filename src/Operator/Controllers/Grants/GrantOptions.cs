namespace IrOperator.Controllers.Grants;

/// <summary>Settings of the grant controller (section <c>Grants</c>; docs/grants.md).</summary>
public sealed class GrantOptions
{
    /// <summary>
    /// Prefixes stripped from spec.requestedBy to make the STS source identity (docs/grants.md, "Source identity");
    /// unset means <c>oidc:</c>. Null by default so a configured list replaces the default (the configuration
    /// binder appends to a list that already has items).
    /// </summary>
    public IList<string>? SourceIdentityStripPrefixes { get; set; }

    /// <summary>How long a finished grant stays before it is deleted; its record stays in the audit log.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The AWS partition of the role ARNs in status when the role's status has none yet.</summary>
    public string Partition { get; set; } = "aws";

    public SourceIdentityRule SourceIdentityRule() =>
        SourceIdentityStripPrefixes is { } prefixes ? new([.. prefixes]) : Grants.SourceIdentityRule.Default;
}
