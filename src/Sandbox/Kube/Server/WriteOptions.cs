using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Schema;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>Query options of a write: <c>fieldValidation</c> (Strict, Warn (the default), Ignore) and <c>dryRun=All</c>.</summary>
public sealed record WriteOptions(string FieldValidation, bool DryRun)
{
    /// <summary>Collects admission's warnings and audit annotations for the handler (null: nobody reads them).</summary>
    public Admission.AdmissionEffects? Effects { get; init; }

    public static WriteOptions Default { get; } = new("Warn", false);

    /// <summary>
    /// Reads a create's, update's or patch's query as the server does, refusing what
    /// <c>ValidateCreateOptions</c> (and its update and patch twins) refuse with the 422 naming
    /// <paramref name="optionsKind"/> (CreateOptions, UpdateOptions, PatchOptions): a <c>dryRun</c> other
    /// than All (which would otherwise write for real), a <c>fieldValidation</c> other than Ignore, Warn
    /// or Strict.
    /// </summary>
    public static WriteOptions FromQuery(IQueryCollection query, string optionsKind)
    {
        ArgumentNullException.ThrowIfNull(query);
        var dryRun = query["dryRun"].Where(v => v is not null).Select(v => v!).ToList();
        var fieldValidation = query["fieldValidation"].ToString();
        var errors = new List<FieldError>();
        if (dryRun.Any(v => v != "All"))
        {
            errors.Add(FieldError.NotSupported("dryRun", new GoStringSlice(dryRun), ["All"]));
        }

        if (fieldValidation is not ("" or "Ignore" or "Warn" or "Strict"))
        {
            errors.Add(FieldError.NotSupported("fieldValidation", fieldValidation, ["", "Ignore", "Warn", "Strict"]));
        }

        if (errors.Count > 0)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid("meta.k8s.io", optionsKind, "", errors));
        }

        return new WriteOptions(fieldValidation.Length > 0 ? fieldValidation : "Warn", dryRun.Count > 0);
    }
}
