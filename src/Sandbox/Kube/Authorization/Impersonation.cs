using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Security;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// The server's impersonation filter: <c>Impersonate-User</c>, <c>Impersonate-Group</c>,
/// <c>Impersonate-Uid</c> and <c>Impersonate-Extra-&lt;key&gt;</c> switch the request to another user
/// when the caller may <c>impersonate</c> each of them (users, groups and serviceaccounts in the core
/// group; uids and userextras in authentication.k8s.io); the first one refused is the 403.
/// </summary>
public static class Impersonation
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";
    public const string ExtraHeaderPrefix = "Impersonate-Extra-";
    private const string AuthenticationGroup = "authentication.k8s.io";

    /// <summary>The user the request runs as: <paramref name="caller"/>, or the impersonated user when the headers ask and RBAC allows.</summary>
    public static KubeUser Resolve(KubeUser caller, IHeaderDictionary headers, Func<RequestAttributes, AuthorizationDecision> authorize, string requestUri)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(authorize);
        var requestedUser = headers[UserHeader].ToString();
        var requestedGroups = headers[GroupHeader].Where(g => g is not null).Select(g => g!).ToList();
        var requestedUid = headers[UidHeader].ToString();
        var extraHeaders = headers.Where(h => h.Key.StartsWith(ExtraHeaderPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        if (requestedUser.Length == 0)
        {
            if (requestedGroups.Count > 0 || requestedUid.Length > 0 || extraHeaders.Count > 0)
            {
                // The server answers this with a plain 500 (its request could not be built).
                throw StatusObjects.InternalError($"Internal Server Error: \"{requestUri}\": requested impersonation of groups, a uid or extras without impersonating a user");
            }

            return caller;
        }

        var checks = new List<RequestAttributes>();
        var groups = new List<string>();
        string username;
        if (ServiceAccounts.TrySplit(requestedUser, out var saNamespace, out var saName))
        {
            username = requestedUser;
            checks.Add(RequestAttributes.ForResource(caller, "impersonate", "", "serviceaccounts", ns: saNamespace, name: saName, version: "v1"));
            if (requestedGroups.Count == 0)
            {
                // A service account's groups are known; a user's are whatever the headers say.
                groups.AddRange(ServiceAccounts.Groups(saNamespace));
            }
        }
        else
        {
            username = requestedUser;
            checks.Add(RequestAttributes.ForResource(caller, "impersonate", "", "users", name: requestedUser, version: "v1"));
        }

        foreach (var group in requestedGroups)
        {
            checks.Add(RequestAttributes.ForResource(caller, "impersonate", "", "groups", name: group, version: "v1"));
            groups.Add(group);
        }

        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (header, values) in extraHeaders)
        {
            var key = Uri.UnescapeDataString(header[ExtraHeaderPrefix.Length..].ToLowerInvariant());
            var list = values.Where(v => v is not null).Select(v => v!).ToList();
            foreach (var value in list)
            {
                checks.Add(RequestAttributes.ForResource(caller, "impersonate", AuthenticationGroup, "userextras", subresource: key, name: value, version: "v1"));
            }

            extra[key] = list;
        }

        if (requestedUid.Length > 0)
        {
            checks.Add(RequestAttributes.ForResource(caller, "impersonate", AuthenticationGroup, "uids", name: requestedUid, version: "v1"));
        }

        foreach (var check in checks)
        {
            var decision = authorize(check);
            if (!decision.Allowed)
            {
                throw Forbidden.For(check, decision.Reason);
            }
        }

        // As the server: system:authenticated is added unless a group says otherwise (system:unauthenticated for anonymous).
        if (username == KubeUser.Anonymous)
        {
            if (!groups.Contains(KubeUser.UnauthenticatedGroup, StringComparer.Ordinal))
            {
                groups.Add(KubeUser.UnauthenticatedGroup);
            }
        }
        else if (!groups.Contains(KubeUser.AuthenticatedGroup, StringComparer.Ordinal) && !groups.Contains(KubeUser.UnauthenticatedGroup, StringComparer.Ordinal))
        {
            groups.Add(KubeUser.AuthenticatedGroup);
        }

        return new KubeUser(username, groups)
        {
            Uid = requestedUid.Length > 0 ? requestedUid : null,
            Extra = extra,
            ImpersonatedBy = caller,
        };
    }
}
