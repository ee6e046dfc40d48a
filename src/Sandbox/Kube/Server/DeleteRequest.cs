using System.Globalization;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Schema;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// A DELETE's options as the server reads them: from the <c>DeleteOptions</c> body when there is one,
/// otherwise from the query (the server ignores the query when a body is sent, so a client that puts
/// <c>dryRun</c> only in the query next to a body really deletes). Validated as
/// <c>ValidateDeleteOptions</c> does: <c>propagationPolicy</c> Foreground, Background or Orphan, not
/// together with <c>orphanDependents</c>; <c>dryRun</c> only <c>All</c>. See docs/kube-emulator.md.
/// </summary>
public sealed record DeleteRequest(bool DryRun, JsonObject? Preconditions, string? PropagationPolicy, long? GracePeriodSeconds)
{
    public static DeleteRequest None { get; } = new(false, null, null, null);

    /// <summary>Collects admission's warnings and audit annotations for the handler (null: nobody reads them).</summary>
    public Admission.AdmissionEffects? Effects { get; init; }

    /// <summary>Reads the body (may be empty) or else the query, and refuses invalid options with the server's 422.</summary>
    public static DeleteRequest Parse(string body, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.IsNullOrWhiteSpace(body) ? FromQuery(query) : FromBody(body);
    }

    public static DeleteRequest FromBody(string body)
    {
        var options = JsonNode.Parse(body) as JsonObject
                      ?? throw StatusObjects.BadRequest("the body of the request must be a DeleteOptions object");
        var kind = ObjectMetadata.Text(options["kind"]);
        if (kind.Length > 0 && kind != "DeleteOptions")
        {
            throw StatusObjects.BadRequest($"decoded object cannot be converted to DeleteOptions");
        }

        var dryRun = (options["dryRun"] as JsonArray)?.Select(ObjectMetadata.Text).ToList() ?? [];
        var propagation = options["propagationPolicy"] is { } p ? ObjectMetadata.Text(p) : null;
        long? grace = options["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var seconds) ? seconds : null;
        return Validated(dryRun, propagation, options["orphanDependents"] is not null, grace, options["preconditions"] as JsonObject);
    }

    private static DeleteRequest FromQuery(IQueryCollection query)
    {
        var dryRun = query["dryRun"].Where(v => v is not null).Select(v => v!).ToList();
        var propagation = query.ContainsKey("propagationPolicy") ? query["propagationPolicy"].ToString() : null;
        long? grace = null;
        if (query.ContainsKey("gracePeriodSeconds"))
        {
            var text = query["gracePeriodSeconds"].ToString();
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                throw StatusObjects.BadRequest($"strconv.ParseInt: parsing {GoFormat.Quote(text)}: invalid syntax");
            }

            grace = seconds;
        }

        return Validated(dryRun, propagation, query.ContainsKey("orphanDependents"), grace, null);
    }

    private static DeleteRequest Validated(List<string> dryRun, string? propagation, bool orphanDependents, long? grace, JsonObject? preconditions)
    {
        var errors = new List<FieldError>();
        if (orphanDependents && propagation is not null)
        {
            errors.Add(FieldError.Invalid("propagationPolicy", propagation, "orphanDependents and deletionPropagation cannot be both set"));
        }

        if (propagation is not null and not ("Foreground" or "Background" or "Orphan"))
        {
            errors.Add(FieldError.NotSupported("propagationPolicy", propagation, ["Foreground", "Background", "Orphan", "nil"]));
        }

        if (dryRun.Any(v => v != "All"))
        {
            errors.Add(FieldError.NotSupported("dryRun", new GoStringSlice(dryRun), ["All"]));
        }

        if (errors.Count > 0)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid("meta.k8s.io", "DeleteOptions", "", errors));
        }

        return new DeleteRequest(dryRun.Count > 0, preconditions, propagation, grace);
    }
}
