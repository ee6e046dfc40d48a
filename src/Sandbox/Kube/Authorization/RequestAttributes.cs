using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// What an authorizer decides on (k8s.io/apiserver authorizer.Attributes): who, which verb, and either a
/// resource (group, resource, subresource, namespace, name) or a non-resource path.
/// </summary>
public sealed record RequestAttributes(
    KubeUser User,
    string Verb,
    bool IsResourceRequest,
    string Path,
    string ApiGroup,
    string ApiVersion,
    string Resource,
    string Subresource,
    string Namespace,
    string Name)
{
    public static RequestAttributes ForResource(KubeUser user, string verb, string group, string resource, string subresource = "", string ns = "", string name = "", string version = "*") =>
        new(user, verb, true, "", group, version, resource, subresource, ns, name);

    public static RequestAttributes ForPath(KubeUser user, string verb, string path) =>
        new(user, verb, false, path, "", "", "", "", "", "");
}
