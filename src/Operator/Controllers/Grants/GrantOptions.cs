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

    /// <summary>
    /// Fail closed: open approved grants only while the approval admission policy and its binding exist, the binding
    /// with Deny (docs/approvals.md, "Fail closed"). Turn off only where approvals are trusted without the policy.
    /// </summary>
    public bool RequireApprovalPolicy { get; set; } = true;

    /// <summary>The ValidatingAdmissionPolicy the chart installs (deploy/helm/ir-operator/files/admission).</summary>
    public string ApprovalPolicyName { get; set; } = "iroperator-grant-approvals";

    /// <summary>Its ValidatingAdmissionPolicyBinding.</summary>
    public string ApprovalPolicyBindingName { get; set; } = "iroperator-grant-approvals";

    /// <summary>How long a look at the policy is reused, and how soon a grant held back by it is looked at again.</summary>
    public TimeSpan ApprovalPolicyCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public SourceIdentityRule SourceIdentityRule() =>
        SourceIdentityStripPrefixes is { } prefixes ? new([.. prefixes]) : Grants.SourceIdentityRule.Default;
}
