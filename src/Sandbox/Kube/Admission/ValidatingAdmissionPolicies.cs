using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Schema;
using IrOperator.Schema.Cel;
using IrOperator.Sandbox.Kube.Server;
using IrOperator.Sandbox.Kube.Storage;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// The ValidatingAdmissionPolicy admission plugin (admissionregistration.k8s.io/v1), run on every
/// create, update, patch and delete: each policy whose matchConstraints match is evaluated once per
/// matching binding (matchConditions, variables, validations, auditAnnotations), and each failed
/// validation does what the binding's validationActions say: Deny (the first denial is the answer,
/// 422 Invalid or the validation's reason), Warn (a warning header), Audit (an audit annotation).
/// failurePolicy decides whether an expression that cannot be evaluated denies (Fail) or not (Ignore).
/// Policies and bindings are themselves checked here when written, and refused with a 422 naming the
/// field when the server would refuse them or the emulator's CEL engine cannot run them; policies
/// never apply to policies and bindings (as on the server). See docs/kube-emulator.md.
/// </summary>
public sealed class ValidatingAdmissionPolicies : IAdmissionCheck
{
    public const string Group = "admissionregistration.k8s.io";
    public const string PolicyPlural = "validatingadmissionpolicies";
    public const string BindingPlural = "validatingadmissionpolicybindings";
    public const string ValidationFailureAnnotation = "validation.policy.admission.k8s.io/validation_failure";

    private const int MaxAuditAnnotationValueLength = 10 * 1024;

    // Messages quote names ('x'): keep them readable in the annotation, as Go's encoder does.
    private static readonly JsonSerializerOptions AnnotationJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ObjectStore _store;
    private readonly AdmissionCel _cel = new();
    private readonly ConcurrentDictionary<string, (string Version, CompiledPolicy Policy, string? Error)> _compiled = new(StringComparer.Ordinal);

    public ValidatingAdmissionPolicies(ObjectStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public void Admit(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource.Group == Group)
        {
            CheckConfiguration(request);
            return;
        }

        var bindings = _store.ListAll($"{Group}/{BindingPlural}", null)
            .Select(b => PolicyBinding.Parse(b).Binding)
            .GroupBy(b => b.PolicyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(b => b.Name, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        if (bindings.Count == 0)
        {
            return;
        }

        var namespaceObject = request.Namespace.Length > 0 ? _store.Get("/namespaces", "", request.Namespace) : null;
        var denials = new List<Denial>();
        foreach (var policyName in bindings.Keys.Order(StringComparer.Ordinal))
        {
            if (_store.Get($"{Group}/{PolicyPlural}", "", policyName) is not { } stored)
            {
                // A binding to a policy that does not exist does nothing, as on the server.
                continue;
            }

            var (policy, configurationError) = Compiled(stored);
            if (!policy.MatchConstraints.Matches(request, namespaceObject))
            {
                continue;
            }

            if (configurationError is not null)
            {
                // Only reachable for a policy stored without passing the checks above; never skipped silently.
                if (!policy.FailOpen)
                {
                    denials.Add(new Denial(policy.Name, null, $"failed to configure policy: {configurationError}", null));
                }

                continue;
            }

            var annotations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var binding in bindings[policyName])
            {
                if (binding.MatchResources is null || binding.MatchResources.Matches(request, namespaceObject))
                {
                    Evaluate(policy, binding, request, namespaceObject, denials, annotations);
                }
            }

            foreach (var (key, values) in annotations)
            {
                // Several bindings producing different values for one key are joined, as on the server.
                request.Effects.Annotate($"{policy.Name}/{key}", string.Join(", ", values));
            }
        }

        if (denials.Count > 0)
        {
            throw Refusal(request, denials[0]);
        }
    }

    private static KubeApiException Refusal(AdmissionRequest request, Denial denial)
    {
        // admission.NewForbidden's wording, then the validation's reason and its code (Invalid, 422, by default).
        var reason = denial.Reason ?? "Invalid";
        var message = denial.Binding is null
            ? $"ValidatingAdmissionPolicy '{denial.Policy}' denied request: {denial.Message}"
            : $"ValidatingAdmissionPolicy '{denial.Policy}' with binding '{denial.Binding}' denied request: {denial.Message}";
        var resource = request.Resource.QualifiedPlural;
        var name = request.Name.Length > 0 ? request.Name : ObjectMetadata.Name(request.Object ?? []);
        var details = new JsonObject { ["name"] = name };
        if (request.Resource.Group.Length > 0)
        {
            details["group"] = request.Resource.Group;
        }

        details["kind"] = request.Resource.Plural;
        details["causes"] = new JsonArray(new JsonObject { ["message"] = message });
        var code = reason switch
        {
            "Forbidden" => 403,
            "Unauthorized" => 401,
            "RequestEntityTooLarge" => 413,
            _ => 422,
        };
        return new KubeApiException(StatusObjects.Failure(code, reason, name.Length > 0 ? $"{resource} \"{name}\" is forbidden: {message}" : $"{resource} is forbidden: {message}", details));
    }

    /// <summary>The CEL value of an object as policies see it: all of it, metadata included (unlike CRD rules).</summary>
    private static object? CelValue(JsonObject? obj) => obj is null ? null : CelValues.From(obj, null);

    private static Dictionary<string, object?> RequestValue(AdmissionRequest request)
    {
        var type = request.Resource;
        var kind = new Dictionary<string, object?>(StringComparer.Ordinal) { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };
        var resource = new Dictionary<string, object?>(StringComparer.Ordinal) { ["group"] = type.Group, ["version"] = type.Version, ["resource"] = type.Plural };
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kind"] = kind,
            ["resource"] = resource,
            ["subResource"] = request.Subresource ?? "",
            ["requestKind"] = new Dictionary<string, object?>(kind, StringComparer.Ordinal),
            ["requestResource"] = new Dictionary<string, object?>(resource, StringComparer.Ordinal),
            ["requestSubResource"] = request.Subresource ?? "",
            ["name"] = request.Name,
            ["namespace"] = request.Namespace,
            ["operation"] = request.Operation,
            ["userInfo"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["username"] = request.User.Username,
                ["uid"] = "",
                ["groups"] = request.User.Groups.Cast<object?>().ToList(),
                ["extra"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            },
            ["dryRun"] = request.DryRun,
        };
    }

    /// <summary>namespaceObject: the request's namespace with what the server exposes of it (metadata, spec, status).</summary>
    private static object? NamespaceValue(JsonObject? ns)
    {
        if (ns is null)
        {
            return null;
        }

        var exposed = new JsonObject();
        foreach (var field in new[] { "metadata", "spec", "status" })
        {
            if (ns[field] is { } value)
            {
                exposed[field] = value.DeepClone();
            }
        }

        (exposed["metadata"] as JsonObject)?.Remove("managedFields");
        return CelValues.From(exposed, null);
    }

    private void CheckConfiguration(AdmissionRequest request)
    {
        if (request.Object is null || request.Subresource is not null)
        {
            return;
        }

        var errors = request.Resource.Plural switch
        {
            PolicyPlural => PolicyCompiler.Compile(request.Object, _cel).Errors,
            BindingPlural => PolicyBinding.Parse(request.Object).Errors,
            _ => [],
        };
        if (errors.Count > 0)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid(Group, request.Resource.Kind, request.Name, errors));
        }
    }

    /// <summary>The policy compiled (cached per resourceVersion), and what is wrong with it if it is invalid.</summary>
    private (CompiledPolicy Policy, string? Error) Compiled(JsonObject stored)
    {
        var name = ObjectMetadata.Name(stored);
        var version = ObjectMetadata.ResourceVersion(stored);
        if (_compiled.TryGetValue(name, out var cached) && cached.Version == version)
        {
            return (cached.Policy, cached.Error);
        }

        var (policy, errors) = PolicyCompiler.Compile(stored, _cel);
        var error = errors.Count == 0 ? null : string.Join(", ", errors.Select(e => e.ToString()));
        _compiled[name] = (version, policy, error);
        return (policy, error);
    }

    private void Evaluate(CompiledPolicy policy, PolicyBinding binding, AdmissionRequest request, JsonObject? namespaceObject, List<Denial> denials, Dictionary<string, List<string>> annotations)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        var activation = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["object"] = CelValue(request.Object),
            ["oldObject"] = CelValue(request.OldObject),
            ["request"] = RequestValue(request),
            ["namespaceObject"] = NamespaceValue(namespaceObject),
            ["variables"] = variables,
        };

        // matchConditions: any false skips the policy; errors (with none false) follow failurePolicy.
        var conditionErrors = new List<string>();
        foreach (var condition in policy.MatchConditions)
        {
            var (result, error) = _cel.Evaluate(condition, activation, failed);
            if (error is null && result is not bool)
            {
                error = $"expression '{condition.Text}' resulted in unsupported return type: must be bool";
            }

            if (error is not null)
            {
                conditionErrors.Add(error);
            }
            else if (result is false)
            {
                return;
            }
        }

        if (conditionErrors.Count > 0)
        {
            if (!policy.FailOpen)
            {
                Act(policy, binding, request, 0, conditionErrors.Count == 1 ? conditionErrors[0] : $"[{string.Join(", ", conditionErrors)}]", null, denials);
            }

            return;
        }

        foreach (var (name, expression) in policy.Variables)
        {
            var (value, error) = _cel.Evaluate(expression, activation, failed);
            if (error is null)
            {
                variables[name] = value;
            }
            else
            {
                failed[name] = error;
            }
        }

        for (var i = 0; i < policy.Validations.Count; i++)
        {
            var validation = policy.Validations[i];
            var (result, error) = _cel.Evaluate(validation.Expression, activation, failed);
            if (error is not null)
            {
                if (!policy.FailOpen)
                {
                    Act(policy, binding, request, i, error, null, denials);
                }
            }
            else if (result is not true)
            {
                Act(policy, binding, request, i, FailureMessage(validation, activation, failed), validation.Reason ?? "Invalid", denials);
            }
        }

        foreach (var (key, expression) in policy.AuditAnnotations)
        {
            var (result, error) = _cel.Evaluate(expression, activation, failed);
            switch (result)
            {
                case null when error is not null && policy.FailOpen:
                case null when error is null:
                    break;
                case null:
                    denials.Add(new Denial(policy.Name, binding.Name, error!, null));
                    break;
                case string text when text.Trim().Length == 0:
                    break;
                case string text:
                    var value = text.Trim();
                    value = value.Length > MaxAuditAnnotationValueLength ? value[..MaxAuditAnnotationValueLength] : value;
                    var values = annotations.TryGetValue(key, out var list) ? list : annotations[key] = [];
                    if (!values.Contains(value, StringComparer.Ordinal))
                    {
                        values.Add(value);
                    }

                    break;
                default:
                    denials.Add(new Denial(policy.Name, binding.Name,
                        $"valueExpression '{expression.Text}' resulted in unsupported return type: {result.GetType().Name}. Return type must be either string or null.", null));
                    break;
            }
        }
    }

    /// <summary>messageExpression's result if it is a usable one-line string, else message, else "failed expression: …".</summary>
    private string FailureMessage(PolicyValidation validation, Dictionary<string, object?> activation, IReadOnlyDictionary<string, string> failed)
    {
        if (validation.MessageExpression is { } messageExpression
            && _cel.Evaluate(messageExpression, activation, failed) is (string text, null)
            && text.Trim() is { Length: > 0 and <= 5 * 1024 } trimmed
            && !trimmed.Contains('\n', StringComparison.Ordinal))
        {
            return trimmed;
        }

        return validation.Message.Length > 0 ? validation.Message : $"failed expression: {validation.Expression.Text.Trim()}";
    }

    /// <summary>Applies the binding's validationActions to one failed validation.</summary>
    private static void Act(CompiledPolicy policy, PolicyBinding binding, AdmissionRequest request, int index, string message, string? reason, List<Denial> denials)
    {
        foreach (var action in binding.ValidationActions)
        {
            switch (action)
            {
                case "Deny":
                    denials.Add(new Denial(policy.Name, binding.Name, message, reason));
                    break;
                case "Warn":
                    request.Effects.Warn($"Validation failed for ValidatingAdmissionPolicy '{policy.Name}' with binding '{binding.Name}': {message}");
                    break;
                case "Audit":
                    var failure = new JsonArray(new JsonObject
                    {
                        ["message"] = message,
                        ["policy"] = binding.PolicyName,
                        ["binding"] = binding.Name,
                        ["expressionIndex"] = index,
                        ["validationActions"] = new JsonArray(binding.ValidationActions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                    });
                    request.Effects.Annotate(ValidationFailureAnnotation, failure.ToJsonString(AnnotationJson));
                    break;
            }
        }
    }

    /// <summary>One denied decision; Binding is null when the policy itself is broken.</summary>
    private sealed record Denial(string Policy, string? Binding, string Message, string? Reason);
}
