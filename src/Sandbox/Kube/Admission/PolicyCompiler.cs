using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Server;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// Checks and compiles a ValidatingAdmissionPolicy as the server validates it on create and update
/// (pkg/apis/admissionregistration/validation): failurePolicy, matchConstraints with at least one
/// resourceRule, named matchConditions, variables, validations (expression, message,
/// messageExpression, reason) and auditAnnotations, each expression compiled. Unset fields take the
/// server's defaults (failurePolicy Fail, empty selectors). <c>paramKind</c> is refused: the emulator
/// does not bind parameter resources.
/// </summary>
internal static partial class PolicyCompiler
{
    private static readonly string[] FailurePolicies = ["Fail", "Ignore"];
    private static readonly string[] Reasons = ["Forbidden", "Invalid", "RequestEntityTooLarge", "Unauthorized"];

    public static (CompiledPolicy Policy, List<FieldError> Errors) Compile(JsonObject policy, AdmissionCel cel)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(cel);
        var errors = new List<FieldError>();
        var name = ObjectMetadata.Name(policy);
        var spec = policy["spec"] as JsonObject ?? [];

        var failurePolicy = Text(spec["failurePolicy"]) is { Length: > 0 } f ? f : "Fail";
        if (!FailurePolicies.Contains(failurePolicy, StringComparer.Ordinal))
        {
            errors.Add(FieldError.NotSupported("spec.failurePolicy", failurePolicy, FailurePolicies));
        }

        if (spec["paramKind"] is not null)
        {
            errors.Add(FieldError.Forbidden("spec.paramKind", "parameter resources are not supported by the emulator (see docs/kube-emulator.md)"));
        }

        var match = new MatchResources(ObjectLabelSelector.Everything, ObjectLabelSelector.Everything, [], []);
        if (spec["matchConstraints"] is JsonObject constraints)
        {
            match = MatchResources.Parse(constraints, "spec.matchConstraints", errors);
            if (match.ResourceRules.Count == 0)
            {
                errors.Add(FieldError.Required("spec.matchConstraints.resourceRules"));
            }
        }
        else
        {
            errors.Add(FieldError.Required("spec.matchConstraints"));
        }

        var conditions = new List<PolicyExpression>();
        var conditionNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (condition, i) in Items(spec["matchConditions"]))
        {
            var path = $"spec.matchConditions[{i}]";
            var conditionName = Text(condition["name"]);
            if (conditionName.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.name"));
            }
            else if (!conditionNames.Add(conditionName))
            {
                errors.Add(new FieldError($"{path}.name", FieldErrorType.Duplicate, conditionName, ""));
            }

            // Match conditions run before variables are computed: they cannot read them.
            Add(conditions, CompileRequired(cel, condition["expression"], [], $"{path}.expression", "", errors));
        }

        var variables = new List<(string, PolicyExpression)>();
        var variableNames = new List<string>();
        foreach (var (variable, i) in Items(spec["variables"]))
        {
            var path = $"spec.variables[{i}]";
            var variableName = Text(variable["name"]);
            if (variableName.Trim().Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.name", "name is not specified"));
            }
            else if (!CelIdentifier().IsMatch(variableName))
            {
                errors.Add(FieldError.Invalid($"{path}.name", variableName, "name is not a valid CEL identifier"));
            }

            if (CompileRequired(cel, variable["expression"], variableNames, $"{path}.expression", "expression is not specified", errors) is { } expression)
            {
                variables.Add((variableName, expression));
            }

            variableNames.Add(variableName);
        }

        var validations = new List<PolicyValidation>();
        var annotations = new List<(string, PolicyExpression)>();
        var validationItems = Items(spec["validations"]).ToList();
        var annotationItems = Items(spec["auditAnnotations"]).ToList();
        if (validationItems.Count == 0 && annotationItems.Count == 0)
        {
            errors.Add(FieldError.Required("spec.validations", "validations or auditAnnotations must contain at least one item"));
            errors.Add(FieldError.Required("spec.auditAnnotations", "validations or auditAnnotations must contain at least one item"));
        }

        foreach (var (validation, i) in validationItems)
        {
            if (CompileValidation(cel, validation, variableNames, $"spec.validations[{i}]", errors) is { } compiled)
            {
                validations.Add(compiled);
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (annotation, i) in annotationItems)
        {
            var path = $"spec.auditAnnotations[{i}]";
            var key = Text(annotation["key"]);
            if (key.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.key"));
            }
            else if (!keys.Add(key))
            {
                errors.Add(new FieldError($"{path}.key", FieldErrorType.Duplicate, key, ""));
            }

            if (CompileRequired(cel, annotation["valueExpression"], variableNames, $"{path}.valueExpression", "valueExpression is not specified", errors) is { } value)
            {
                annotations.Add((key, value));
            }
        }

        return (new CompiledPolicy(name, failurePolicy == "Ignore", match, conditions, variables, validations, annotations), errors);
    }

    private static PolicyValidation? CompileValidation(AdmissionCel cel, JsonObject validation, IReadOnlyCollection<string> variables, string path, List<FieldError> errors)
    {
        var expression = CompileRequired(cel, validation["expression"], variables, $"{path}.expression", "expression is not specified", errors);
        PolicyExpression? messageExpression = null;
        var messageExpressionText = Text(validation["messageExpression"]);
        if (messageExpressionText.Length > 0 && messageExpressionText.Trim().Length == 0)
        {
            errors.Add(FieldError.Invalid($"{path}.messageExpression", messageExpressionText, "must be non-empty if specified"));
        }
        else if (messageExpressionText.Length > 0)
        {
            messageExpression = CompileRequired(cel, validation["messageExpression"], variables, $"{path}.messageExpression", "", errors);
        }

        var message = Text(validation["message"]);
        if (message.Length > 0 && message.Trim().Length == 0)
        {
            errors.Add(FieldError.Invalid($"{path}.message", message, "message must be non-empty if specified"));
        }
        else if (message.Trim().Contains('\n', StringComparison.Ordinal) || message.Trim().Contains('\r', StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid($"{path}.message", message, "message must not contain line breaks"));
        }

        var reason = Text(validation["reason"]) is { Length: > 0 } r ? r : null;
        if (reason is not null && !Reasons.Contains(reason, StringComparer.Ordinal))
        {
            errors.Add(FieldError.NotSupported($"{path}.reason", reason, Reasons));
        }

        return expression is null ? null : new PolicyValidation(expression, message.Trim(), messageExpression, reason);
    }

    private static PolicyExpression? CompileRequired(AdmissionCel cel, JsonNode? node, IReadOnlyCollection<string> variables, string path, string requiredDetail, List<FieldError> errors)
    {
        var text = Text(node);
        if (text.Trim().Length == 0)
        {
            errors.Add(FieldError.Required(path, requiredDetail));
            return null;
        }

        var (expression, error) = cel.Compile(text, variables);
        if (error is not null)
        {
            errors.Add(FieldError.Invalid(path, text, error));
        }

        return expression;
    }

    private static void Add(List<PolicyExpression> list, PolicyExpression? expression)
    {
        if (expression is not null)
        {
            list.Add(expression);
        }
    }

    private static IEnumerable<(JsonObject Item, int Index)> Items(JsonNode? node) =>
        (node as JsonArray ?? []).Select((item, i) => (item as JsonObject ?? [], i));

    private static string Text(JsonNode? node) => ObjectMetadata.Text(node);

    [GeneratedRegex("^[_a-zA-Z][_a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CelIdentifier();
}
