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
    /// Set by an approver on a grant: one name, or a comma-separated list when the role needs several
    /// approvals. The operator cannot see who wrote it; the admission policy in the Helm chart can.
    /// </summary>
    public const string ApprovedByAnnotation = Group + "/approved-by";

    /// <summary>Set on a grant to end it early; the value is the reason (e.g. "contained").</summary>
    public const string RevokeAnnotation = Group + "/revoke";

    /// <summary>Guards cleanup of IAM roles (ResponderRole) and trust statements (BreakGlassGrant).</summary>
    public const string Finalizer = Group + "/cleanup";

    /// <summary>The name of the role's IAM role when <c>spec.roleName</c> is not set: this prefix + metadata.name.</summary>
    public const string DefaultRoleNamePrefix = "ir-";
}
