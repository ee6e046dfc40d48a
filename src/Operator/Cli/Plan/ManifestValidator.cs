using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Iam.Desired;
using IrOperator.Resources;
using IrOperator.Schema;
using k8s;

namespace IrOperator.Cli.Plan;

/// <summary>
/// Checks manifests as the cluster would before the operator sees them, then as the operator does
/// (docs/gitops.md, "What plan checks"): the CRD's OpenAPI schema and its x-kubernetes-validations CEL rules
/// through the API server's schema engine (<see cref="StructuralSchema"/>, the one the Kubernetes emulator
/// runs: prune, default, validate, in the server's order; an unknown field is refused, as kubectl's default
/// strict field validation does), then <see cref="DesiredRoleBuilder"/>'s checks for a ResponderRole (the
/// reconciler's first step). The schemas come from the C# types (<see cref="CrdGenerator"/>), which the
/// chart's crds/ (deploy/helm/ir-operator/crds) are generated from. Grants are checked against their role later, by the runner.
/// </summary>
public static class ManifestValidator
{
    private static readonly Lazy<IReadOnlyDictionary<string, StructuralSchema>> Schemas = new(() =>
        CrdGenerator.GenerateAll().ToDictionary(
            crd => crd.Spec.Names.Kind,
            crd => CustomResourceSchemas.Compile(JsonNode.Parse(KubernetesJson.Serialize(crd))!)[IrOperatorApi.Version],
            StringComparer.Ordinal));

    public static ValidatedManifests Validate(IEnumerable<ManifestDocument> documents, DesiredRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var roles = new List<(ManifestDocument, ResponderRole)>();
        var grants = new List<(ManifestDocument, BreakGlassGrant)>();
        var errors = new List<PlanProblem>();
        var notes = new List<PlanProblem>();
        var seen = new Dictionary<string, ManifestDocument>(StringComparer.Ordinal);

        foreach (var document in documents)
        {
            var kind = document.Kind;
            if (kind is not (IrOperatorApi.ResponderRoleKind or IrOperatorApi.BreakGlassGrantKind))
            {
                notes.Add(document.Problem("", $"skipped: {(kind is null ? "no kind" : $"kind {kind}")} is not a ResponderRole or BreakGlassGrant"));
                continue;
            }

            if (document.ApiVersion != IrOperatorApi.ApiVersion)
            {
                errors.Add(document.Problem("apiVersion", $"\"{document.ApiVersion}\" is not served for {kind}; use {IrOperatorApi.ApiVersion}"));
                continue;
            }

            if (string.IsNullOrEmpty(document.Name))
            {
                errors.Add(document.Problem("metadata.name", "Required value: name or generateName is required (plan needs a name)"));
                continue;
            }

            // Cluster-scoped roles have one name space; grants one per namespace (none given: the kubectl context's).
            var key = kind == IrOperatorApi.ResponderRoleKind ? $"{kind}/{document.Name}" : $"{kind}/{document.Namespace}/{document.Name}";
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(document.Problem("metadata.name", $"{kind} \"{document.Name}\" is also defined in {first.File}, document {first.Index}"));
                continue;
            }

            seen[key] = document;
            var schemaErrors = CheckSchema(document, kind);
            if (schemaErrors.Count > 0)
            {
                errors.AddRange(schemaErrors);
                continue;
            }

            if (kind == IrOperatorApi.BreakGlassGrantKind)
            {
                if (Read<BreakGlassGrant>(document, errors) is { } grant)
                {
                    grants.Add((document, grant));
                }

                continue;
            }

            if (Read<ResponderRole>(document, errors) is not { } role)
            {
                continue;
            }

            // The reconciler's own checks, without grants (a GitOps change carries none).
            var built = DesiredRoleBuilder.Build(role, RoleAccess.None, options);
            if (!built.IsValid)
            {
                errors.AddRange(built.Errors.Select(e => document.Problem(e.Field, e.Message)));
                continue;
            }

            roles.Add((document, role));
        }

        return new ValidatedManifests(roles, grants, errors, notes);
    }

    /// <summary>Prune (unknown fields are errors), default (in place, as the server stores the object), then OpenAPI and CEL validation.</summary>
    private static List<PlanProblem> CheckSchema(ManifestDocument document, string kind)
    {
        var schema = Schemas.Value[kind];
        var json = document.Json;
        var errors = schema.Prune(json).Select(field => document.Problem(field, "unknown field (the API server refuses it with kubectl's default strict field validation)")).ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        schema.ApplyDefaults(json);
        errors.AddRange(schema.Validate(json, null).Select(e => document.Problem(e.Field, e.Body)));
        return errors;
    }

    private static T? Read<T>(ManifestDocument document, List<PlanProblem> errors)
        where T : class
    {
        try
        {
            return KubernetesJson.Deserialize<T>(document.Json.ToJsonString());
        }
        catch (JsonException e)
        {
            errors.Add(document.Problem(e.Path?.TrimStart('$', '.') ?? "", $"cannot be read as a {document.Kind}: {e.Message}"));
            return null;
        }
    }
}
