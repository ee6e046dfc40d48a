using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Schema;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// The server's <c>ValidateListOptions</c> for list and watch query parameters, refused with its 422
/// (<c>ListOptions.meta.k8s.io "" is invalid: ...</c>): <c>resourceVersionMatch</c> needs a
/// <c>resourceVersion</c>, no <c>continue</c>, and one of Exact or NotOlderThan (Exact not at "0"); on a
/// watch it needs <c>sendInitialEvents</c>. See docs/kube-emulator.md.
/// </summary>
public static class ListOptionsValidation
{
    public static void Validate(IQueryCollection query, bool watch)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = query["resourceVersionMatch"].ToString();
        var resourceVersion = query["resourceVersion"].ToString();
        var continueToken = query["continue"].ToString();
        var errors = new List<FieldError>();
        if (match.Length > 0 && watch)
        {
            if (!query.ContainsKey("sendInitialEvents"))
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }

            if (match != "NotOlderThan")
            {
                errors.Add(FieldError.NotSupported("resourceVersionMatch", match, ["NotOlderThan"]));
            }

            if (continueToken.Length > 0)
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }
        }
        else if (match.Length > 0)
        {
            if (resourceVersion.Length == 0)
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }

            if (continueToken.Length > 0)
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }

            if (match is not ("Exact" or "NotOlderThan"))
            {
                errors.Add(FieldError.NotSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]));
            }

            if (match == "Exact" && resourceVersion == "0")
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }

        if (errors.Count > 0)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid("meta.k8s.io", "ListOptions", "", errors));
        }
    }
}
