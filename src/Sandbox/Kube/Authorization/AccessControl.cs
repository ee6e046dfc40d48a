using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// What happens between authentication and the handler, in the server's filter order: impersonation
/// (checked against RBAC), then authorization of the request (RBAC; system:masters bypasses). The
/// access reviews answer with the same authorizer.
/// </summary>
public sealed class AccessControl
{
    public AccessControl(ObjectStore store)
    {
        Rbac = new RbacAuthorizer(store);
        Reviews = new AccessReviews(Rbac);
    }

    public RbacAuthorizer Rbac { get; }

    public AccessReviews Reviews { get; }

    /// <summary>Returns the user the request runs as; throws the server's 403 when it may not.</summary>
    public KubeUser Authorize(HttpRequest request, KubeUser caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = Impersonation.Resolve(caller, request.Headers, Rbac.Authorize, $"{request.Path}{request.QueryString}");
        var attributes = RequestInfoParser.Parse(user, request.Method, request.Path.Value ?? "/", request.Query["watch"], request.Query["fieldSelector"]);
        var decision = Rbac.Authorize(attributes);
        return decision.Allowed ? user : throw Forbidden.For(attributes, decision.Reason);
    }
}
