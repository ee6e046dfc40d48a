using System.Text.Json.Nodes;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Server;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// A ValidatingAdmissionPolicyBinding: which policy, where (matchResources narrows the policy's own
/// constraints; absent, it adds none) and what a failed validation does (Deny, Warn, Audit).
/// <c>paramRef</c> is refused, as the emulator binds no parameter resources.
/// </summary>
internal sealed record PolicyBinding(string Name, string PolicyName, MatchResources? MatchResources, IReadOnlyList<string> ValidationActions)
{
    private static readonly string[] Actions = ["Audit", "Deny", "Warn"];

    public static (PolicyBinding Binding, List<FieldError> Errors) Parse(JsonObject binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var errors = new List<FieldError>();
        var spec = binding["spec"] as JsonObject ?? [];
        var policyName = ObjectMetadata.Text(spec["policyName"]);
        if (policyName.Length == 0)
        {
            errors.Add(FieldError.Required("spec.policyName"));
        }

        if (spec["paramRef"] is not null)
        {
            errors.Add(FieldError.Forbidden("spec.paramRef", "parameter resources are not supported by the emulator (see docs/kube-emulator.md)"));
        }

        // "matchResouces" (sic) is the path the server reports these errors under.
        var match = spec["matchResources"] is JsonObject resources ? MatchResources.Parse(resources, "spec.matchResouces", errors) : null;

        var actions = (spec["validationActions"] as JsonArray ?? []).Select(ObjectMetadata.Text).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            if (!Actions.Contains(actions[i], StringComparer.Ordinal))
            {
                errors.Add(FieldError.NotSupported($"spec.validationActions[{i}]", actions[i], Actions));
            }

            if (!seen.Add(actions[i]))
            {
                errors.Add(new FieldError($"spec.validationActions[{i}]", FieldErrorType.Duplicate, actions[i], ""));
            }
        }

        if (seen.Contains("Deny") && seen.Contains("Warn"))
        {
            var goSlice = $"[]admissionregistration.ValidationAction{{{string.Join(", ", actions.Select(a => $"\"{a}\""))}}}";
            errors.Add(FieldError.Invalid("spec.validationActions", new GoLiteral(goSlice),
                "must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)"));
        }

        if (seen.Count == 0)
        {
            errors.Add(FieldError.Required("spec.validationActions", "at least one validation action is required"));
        }

        return (new PolicyBinding(ObjectMetadata.Name(binding), policyName, match, actions), errors);
    }

    /// <summary>A bad value the server prints with Go's <c>%#v</c> (here a slice), shown as is.</summary>
    private sealed record GoLiteral(string Text)
    {
        public override string ToString() => Text;
    }
}
