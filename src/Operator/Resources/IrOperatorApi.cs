namespace IrOperator.Resources;

/// <summary>The names of IrOperator's API: group, version, kinds, plurals, and the metadata keys it reads and writes.</summary>
public static class IrOperatorApi
{
    public const string Group = "iroperator.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The <c>kubectl get incident-response</c> category both kinds belong to.</summary>
    public const string Category = "incident-response";

    public const string ResponderRoleKind = "ResponderRole";
    public const string ResponderRolePlural = "responderroles";
    public const string ResponderRoleSingular = "responderrole";
    public const string ResponderRoleShortName = "rr";

    public const string BreakGlassGrantKind = "BreakGlassGrant";
    public const string BreakGlassGrantPlural = "breakglassgrants";
    public const string BreakGlassGrantSingular = "breakglassgrant";
    public const string BreakGlassGrantShortName = "bgg";

    /// <summary>
    /// Prefix of the approval annotations, one per approver: <c>approval.iroperator.io/&lt;any name&gt;</c> with the
    /// value <c>&lt;username&gt;</c> or <c>&lt;username&gt;|&lt;group&gt;[|&lt;group&gt;...]</c>. The operator cannot see who
    /// wrote it; the admission policy requires the value to be the writer's own name and groups (docs/approvals.md).
    /// </summary>
    public const string ApprovalAnnotationPrefix = "approval." + Group + "/";

    /// <summary>Prefix of the denial annotations, in the same format as approvals: an approver refuses a pending grant.</summary>
    public const string DenialAnnotationPrefix = "denial." + Group + "/";

    /// <summary>Set on a grant to end it early; the value is the reason (e.g. "contained").</summary>
    public const string RevokeAnnotation = Group + "/revoke";

    /// <summary>Guards cleanup of IAM roles (ResponderRole) and trust statements (BreakGlassGrant).</summary>
    public const string Finalizer = Group + "/cleanup";

    /// <summary>The name of the role's IAM role when <c>spec.roleName</c> is not set: this prefix + metadata.name.</summary>
    public const string DefaultRoleNamePrefix = "ir-";
}
