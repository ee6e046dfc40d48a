using System.Xml.Linq;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>IAM's XML shapes. Policy documents go out URL-encoded, as IAM returns them.</summary>
public static class IamXmlWriter
{
    public const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    public static QueryXml Xml { get; } = new(Namespace);

    /// <summary>A Role; <paramref name="full"/> adds what only GetRole/CreateRole return (boundary, tags, last used).</summary>
    public static XElement Role(IamRole role, bool full)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Xml.E(
            "Role",
            Xml.E("Path", role.Path),
            Xml.E("RoleName", role.Name),
            Xml.E("RoleId", role.RoleId),
            Xml.E("Arn", role.Arn),
            Xml.E("CreateDate", QueryXml.Timestamp(role.CreateDate)),
            Xml.E("AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicyJson)),
            role.Description is null ? null : Xml.E("Description", role.Description),
            Xml.E("MaxSessionDuration", role.MaxSessionDuration),
            full && role.PermissionsBoundaryArn is { } boundary
                ? Xml.E("PermissionsBoundary", Xml.E("PermissionsBoundaryType", "Policy"), Xml.E("PermissionsBoundaryArn", boundary))
                : null,
            full && role.Tags.Count > 0 ? Tags(role.Tags) : null,
            full ? Xml.E("RoleLastUsed") : null);
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
