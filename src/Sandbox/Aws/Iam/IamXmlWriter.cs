using System.Xml.Linq;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>IAM's XML shapes. Policy documents go out URL-encoded, as IAM returns them.</summary>
public static class IamXmlWriter
{
    public const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    public static QueryXml Xml { get; } = new(Namespace);

    /// <summary>A Role; <paramref name="full"/> adds what only GetRole/CreateRole return (boundary, tags, last used).</summary>
    public static XElement Role(IamRole role, bool full, string? trustPolicyJson = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Xml.E(
            "Role",
            Xml.E("Path", role.Path),
            Xml.E("RoleName", role.Name),
            Xml.E("RoleId", role.RoleId),
            Xml.E("Arn", role.Arn),
            Xml.E("CreateDate", QueryXml.Timestamp(role.CreateDate)),
            Xml.E("AssumeRolePolicyDocument", Uri.EscapeDataString(trustPolicyJson ?? role.TrustPolicyJson)),
            role.Description is null ? null : Xml.E("Description", role.Description),
            Xml.E("MaxSessionDuration", role.MaxSessionDuration),
            full && role.PermissionsBoundaryArn is { } boundary
                ? Xml.E("PermissionsBoundary", Xml.E("PermissionsBoundaryType", "Policy"), Xml.E("PermissionsBoundaryArn", boundary))
                : null,
            full && role.Tags.Count > 0 ? Tags(role.Tags) : null,
            full ? Xml.E("RoleLastUsed") : null);
    }

    /// <summary>A Policy; <paramref name="full"/> adds the description (GetPolicy) that ListPolicies leaves out.</summary>
    public static XElement Policy(ManagedPolicy policy, int attachments, int boundaryUses, bool full)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Xml.E(
            "Policy",
            Xml.E("PolicyName", policy.Name),
            Xml.E("PolicyId", policy.PolicyId),
            Xml.E("Arn", policy.Arn),
            Xml.E("Path", policy.Path),
            Xml.E("DefaultVersionId", policy.DefaultVersionId),
            Xml.E("AttachmentCount", attachments),
            Xml.E("PermissionsBoundaryUsageCount", boundaryUses),
            Xml.E("IsAttachable", "true"),
            full && policy.Description is { } description ? Xml.E("Description", description) : null,
            Xml.E("CreateDate", QueryXml.Timestamp(policy.CreateDate)),
            Xml.E("UpdateDate", QueryXml.Timestamp(policy.UpdateDate)),
            full && policy.Tags.Count > 0 ? Tags(policy.Tags) : null);
    }

    /// <summary>A PolicyVersion; the document only where IAM returns it (GetPolicyVersion), URL-encoded.</summary>
    public static XElement PolicyVersion(ManagedPolicy policy, ManagedPolicyVersion version, bool withDocument, string element = "PolicyVersion")
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(version);
        return Xml.E(
            element,
            withDocument ? Xml.E("Document", Uri.EscapeDataString(version.Json)) : null,
            Xml.E("VersionId", version.VersionId),
            Xml.E("IsDefaultVersion", version.VersionId == policy.DefaultVersionId ? "true" : "false"),
            Xml.E("CreateDate", QueryXml.Timestamp(version.CreateDate)));
    }

    public static XElement Tags(IEnumerable<IamTag> tags) =>
        Xml.Members("Tags", tags.Select(tag => (object)new[] { Xml.E("Key", tag.Key), Xml.E("Value", tag.Value) }));

    /// <summary>IsTruncated, and Marker when there is a next page.</summary>
    public static object?[] Paging<T>(Page<T> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return [Xml.E("IsTruncated", page.IsTruncated ? "true" : "false"), page.NextMarker is { } marker ? Xml.E("Marker", marker) : null];
    }
}
