using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// A small CloudFormation template validator over the CloudFormation resource specification (@aws-cdk/cfnspec's
/// specification.json): known template sections and parameter types; resource types that exist; property names
/// that exist; required properties present; values of the right shape (primitive types, lists, maps, property
/// types, recursively); every Ref, Fn::GetAtt, Fn::Sub variable and condition name pointing at something that
/// exists. Intrinsic functions stand in for any value. Templates use long-form intrinsics (plain YAML).
/// </summary>
internal sealed partial class OpsCfnValidator(JsonNode spec)
{
    private static readonly HashSet<string> Sections =
        ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs"];

    private static readonly HashSet<string> ParameterTypes = ["String", "Number", "List<Number>", "CommaDelimitedList"];

    private static readonly HashSet<string> Pseudo =
        ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];

    public static string SpecificationPath
    {
        get
        {
            var tools = Environment.GetEnvironmentVariable("IROPERATOR_TOOLS_DIR")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "iroperator-tools");
            return Path.Combine(tools, "cfnspec", "node_modules", "@aws-cdk", "cfnspec", "spec", "specification.json");
        }
    }

    public static OpsCfnValidator Load()
    {
        var path = SpecificationPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the CloudFormation resource specification is not at {path}; .ci/install-tools installs @aws-cdk/cfnspec", path);
        }
        return new OpsCfnValidator(JsonNode.Parse(File.ReadAllText(path))!);
    }

    public static JsonObject ParseTemplate(string yaml) =>
        JsonNode.Parse(JsonSerializer.Serialize(new DeserializerBuilder().Build().Deserialize<object>(yaml)))!.AsObject();

    public IReadOnlyList<string> Validate(JsonObject template)
    {
        var errors = new List<string>();
        foreach (var (section, _) in template)
        {
            if (!Sections.Contains(section))
            {
                errors.Add($"unknown template section {section}");
            }
        }

        var parameters = template["Parameters"]?.AsObject() ?? [];
        var resources = template["Resources"]?.AsObject() ?? [];
        var conditions = template["Conditions"]?.AsObject() ?? [];
        foreach (var (name, parameter) in parameters)
        {
            ValidateParameter(name, parameter!.AsObject(), errors);
        }

        var names = new Context(
            parameters.Select(p => p.Key).ToHashSet(),
            resources.ToDictionary(r => r.Key, r => r.Value?["Type"]?.GetValue<string>() ?? ""),
            conditions.Select(c => c.Key).ToHashSet());
        foreach (var (name, resource) in resources)
        {
            var type = resource?["Type"]?.GetValue<string>();
            if (type is null || spec["ResourceTypes"]![type] is not JsonObject resourceSpec)
            {
                errors.Add($"Resources.{name}: unknown resource type {type}");
                continue;
            }
            if (resource!["Condition"] is JsonValue condition && !names.Conditions.Contains(condition.GetValue<string>()))
            {
                errors.Add($"Resources.{name}.Condition: no condition {condition}");
            }
            ValidateProperties($"Resources.{name}.Properties", type, resourceSpec, resource["Properties"] as JsonObject ?? [], errors);
        }

        CheckReferences("", template, names, errors, subLocals: null);
        return errors;
    }

    private static void ValidateParameter(string name, JsonObject parameter, List<string> errors)
    {
        var type = parameter["Type"]?.GetValue<string>() ?? "";
        if (!ParameterTypes.Contains(type) && !type.StartsWith("AWS::", StringComparison.Ordinal) && !type.StartsWith("List<AWS::", StringComparison.Ordinal))
        {
            errors.Add($"Parameters.{name}.Type: unknown parameter type {type}");
        }
        if (parameter["Default"] is not JsonValue defaultValue)
        {
            return;
        }
        var value = defaultValue.GetValue<string>();
        if (parameter["AllowedValues"] is JsonArray allowed && !allowed.Any(a => a!.GetValue<string>() == value))
        {
            errors.Add($"Parameters.{name}.Default: {value} is not among AllowedValues");
        }
        if (parameter["AllowedPattern"] is JsonValue pattern && !Regex.IsMatch(value, $"^(?:{pattern.GetValue<string>()})$"))
        {
            errors.Add($"Parameters.{name}.Default: {value} does not match AllowedPattern");
        }
    }

    private void ValidateProperties(string path, string resourceType, JsonObject typeSpec, JsonObject properties, List<string> errors)
    {
        var known = typeSpec["Properties"]?.AsObject() ?? [];
        foreach (var (name, propertySpec) in known)
        {
            if (propertySpec!["Required"]?.GetValue<bool>() == true && !properties.ContainsKey(name))
            {
                errors.Add($"{path}: required property {name} is missing");
            }
        }
        foreach (var (name, value) in properties)
        {
            if (known[name] is not JsonObject propertySpec)
            {
                errors.Add($"{path}.{name}: no such property");
                continue;
            }
            ValidateValue($"{path}.{name}", resourceType, propertySpec, value, errors);
        }
    }

    private void ValidateValue(string path, string resourceType, JsonObject propertySpec, JsonNode? value, List<string> errors)
    {
        if (IsIntrinsic(value))
        {
            return;
        }
        if (propertySpec["PrimitiveType"] is JsonValue primitive)
        {
            CheckPrimitive(path, primitive.GetValue<string>(), value, errors);
            return;
        }
        var type = propertySpec["Type"]?.GetValue<string>();
        if (type is "List" or "Map")
        {
            IEnumerable<(string, JsonNode?)> items;
            if (type == "List" && value is JsonArray array)
            {
                items = array.Select((item, i) => ($"{path}[{i}]", item));
            }
            else if (type == "Map" && value is JsonObject map)
            {
                items = map.Select(p => ($"{path}.{p.Key}", p.Value));
            }
            else
            {
                errors.Add($"{path}: expected a {type}");
                return;
            }
            foreach (var (itemPath, item) in items)
            {
                if (IsIntrinsic(item))
                {
                    continue;
                }
                if (propertySpec["PrimitiveItemType"] is JsonValue itemPrimitive)
                {
                    CheckPrimitive(itemPath, itemPrimitive.GetValue<string>(), item, errors);
                }
                else if (propertySpec["ItemType"] is JsonValue itemType)
                {
                    ValidatePropertyType(itemPath, resourceType, itemType.GetValue<string>(), item, errors);
                }
            }
            return;
        }
        if (type is not null)
        {
            ValidatePropertyType(path, resourceType, type, value, errors);
        }
    }

    private void ValidatePropertyType(string path, string resourceType, string type, JsonNode? value, List<string> errors)
    {
        var typeSpec = spec["PropertyTypes"]![$"{resourceType}.{type}"] ?? spec["PropertyTypes"]![type];
        if (typeSpec is not JsonObject objectSpec)
        {
            errors.Add($"{path}: the specification has no property type {resourceType}.{type}");
            return;
        }
        if (value is not JsonObject properties)
        {
            errors.Add($"{path}: expected an object ({type})");
            return;
        }
        ValidateProperties(path, resourceType, objectSpec, properties, errors);
    }

    private static void CheckPrimitive(string path, string type, JsonNode? value, List<string> errors)
    {
        if (type == "Json")
        {
            if (value is not (JsonObject or JsonValue))
            {
                errors.Add($"{path}: expected a JSON object or a JSON string");
            }
            return;
        }
        if (value is not JsonValue scalar)
        {
            errors.Add($"{path}: expected a {type}, got {value?.GetValueKind().ToString() ?? "null"}");
            return;
        }
        var text = scalar.GetValue<string>();
        var ok = type switch
        {
            "String" or "Timestamp" => true,
            "Integer" or "Long" => long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
            "Double" => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
            "Boolean" => text is "true" or "false",
            _ => false,
        };
        if (!ok)
        {
            errors.Add($"{path}: \"{text}\" is not a {type}");
        }
    }

    private static bool IsIntrinsic(JsonNode? value) =>
        value is JsonObject { Count: 1 } o && o.Single().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));

    /// <summary>Every Ref, GetAtt, Sub variable and condition name must resolve.</summary>
    private void CheckReferences(string path, JsonNode? node, Context names, List<string> errors, HashSet<string>? subLocals)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var at = $"{path}.{key}";
                    switch (key)
                    {
                        case "Ref" when value is JsonValue target:
                            var name = target.GetValue<string>();
                            if (!names.Parameters.Contains(name) && !names.Resources.ContainsKey(name) && !Pseudo.Contains(name))
                            {
                                errors.Add($"{at}: Ref to unknown {name}");
                            }
                            break;
                        case "Fn::GetAtt" when value is JsonArray { Count: 2 } getAtt:
                            CheckGetAtt(at, getAtt[0]!.GetValue<string>(), getAtt[1]!.GetValue<string>(), names, errors);
                            break;
                        case "Fn::Sub":
                            var (text, locals) = value switch
                            {
                                JsonValue s => (s.GetValue<string>(), new HashSet<string>()),
                                JsonArray { Count: 2 } a => (a[0]!.GetValue<string>(), a[1]!.AsObject().Select(p => p.Key).ToHashSet()),
                                _ => ("", []),
                            };
                            foreach (Match m in SubVariable().Matches(text))
                            {
                                var variable = m.Groups[1].Value;
                                var parts = variable.Split('.', 2);
                                if (locals.Contains(variable) || names.Parameters.Contains(variable) || Pseudo.Contains(variable) || names.Resources.ContainsKey(variable))
                                {
                                    continue;
                                }
                                if (parts.Length == 2 && names.Resources.ContainsKey(parts[0]))
                                {
                                    CheckGetAtt(at, parts[0], parts[1], names, errors);
                                    continue;
                                }
                                errors.Add($"{at}: ${{{variable}}} names nothing");
                            }
                            if (value is JsonArray { Count: 2 } withLocals)
                            {
                                CheckReferences(at, withLocals[1], names, errors, subLocals);
                            }
                            break;
                        case "Fn::If" when value is JsonArray { Count: 3 } branches:
                            if (!names.Conditions.Contains(branches[0]!.GetValue<string>()))
                            {
                                errors.Add($"{at}: no condition {branches[0]}");
                            }
                            CheckReferences(at, branches[1], names, errors, subLocals);
                            CheckReferences(at, branches[2], names, errors, subLocals);
                            break;
                        case "Condition" when value is JsonValue conditionName && path.StartsWith(".Conditions", StringComparison.Ordinal):
                            if (!names.Conditions.Contains(conditionName.GetValue<string>()))
                            {
                                errors.Add($"{at}: no condition {conditionName}");
                            }
                            break;
                        default:
                            CheckReferences(at, value, names, errors, subLocals);
                            break;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    CheckReferences($"{path}[{i}]", a[i], names, errors, subLocals);
                }
                break;
        }
    }

    private void CheckGetAtt(string at, string resource, string attribute, Context names, List<string> errors)
    {
        if (!names.Resources.TryGetValue(resource, out var type))
        {
            errors.Add($"{at}: GetAtt of unknown resource {resource}");
        }
        else if (spec["ResourceTypes"]![type]?["Attributes"]?[attribute] is null)
        {
            errors.Add($"{at}: {type} has no attribute {attribute}");
        }
    }

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubVariable();

    private sealed record Context(HashSet<string> Parameters, Dictionary<string, string> Resources, HashSet<string> Conditions);
}
