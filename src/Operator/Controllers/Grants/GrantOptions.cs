namespace IrOperator.Controllers.Grants;

/// <summary>Settings of the grant controller (section <c>Grants</c>; docs/grants.md).</summary>
public sealed class GrantOptions
{
    /// <summary>Prefixes stripped from spec.requestedBy to make the STS source identity (docs/grants.md, "Source identity").</summary>
    public IList<string> SourceIdentityStripPrefixes { get; init; } = ["oidc:"];

    /// <summary>How long a finished grant stays before it is deleted; its record stays in the audit log.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The AWS partition of the role ARNs in status when the role's status has none yet.</summary>
    public string Partition { get; init; } = "aws";

    public SourceIdentityRule SourceIdentityRule() => new([.. SourceIdentityStripPrefixes]);
}
