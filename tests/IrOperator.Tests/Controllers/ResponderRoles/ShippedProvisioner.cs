using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IrOperator.Tests.Deploy;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>
/// The policies deploy/aws/provisioner-role.yaml creates in one member account, rendered as CloudFormation would
/// with the template's defaults (EnforceBoundary=true): the provisioner's ManageResponderRoles policy and the
/// responder boundary. Only the intrinsic functions these resources use are resolved (Ref, Fn::Sub, Fn::If with
/// the Enforce condition, AWS::NoValue); anything else throws, so a template change cannot slip through unrendered.
/// </summary>
internal static partial class ShippedProvisioner
{
    public const string BoundaryName = "IrOperatorResponderBoundary";
    public const string BoundaryPath = "/iroperator/";
    public const string PermissionsPolicyName = "ManageResponderRoles";

    public static string BoundaryArn(string account) => $"arn:aws:iam::{account}:policy{BoundaryPath}{BoundaryName}";

    /// <summary>The provisioner role's ManageResponderRoles policy document in <paramref name="account"/>.</summary>
    public static string PermissionsPolicy(string account)
    {
        var policy = Template()["Resources"]!["ProvisionerRole"]!["Properties"]!["Policies"]!.AsArray()
            .Single(p => p!["PolicyName"]!.GetValue<string>() == PermissionsPolicyName)!["PolicyDocument"]!;
        return Render(policy, account)!.ToJsonString();
    }

    /// <summary>The IrOperatorResponderBoundary policy document in <paramref name="account"/>.</summary>
    public static string BoundaryPolicy(string account) =>
        Render(Template()["Resources"]!["ResponderBoundary"]!["Properties"]!["PolicyDocument"]!, account)!.ToJsonString();

    private static JsonObject Template() => OpsCfnValidator.ParseTemplate(OpsRepository.Read("deploy/aws/provisioner-role.yaml"));

    private static Dictionary<string, string> Values(string account) => new(StringComparer.Ordinal)
    {
        ["AWS::Partition"] = "aws",
        ["AWS::AccountId"] = account,
        ["ManagedRolePath"] = IrOperator.Sandbox.Aws.Organizations.ProvisionerRole.ManagedPath,
        ["ProvisionerRolePath"] = "/",
        ["ProvisionerRoleName"] = IrOperator.Sandbox.Aws.Organizations.ProvisionerRole.Name,
        ["BoundaryPolicyPath"] = BoundaryPath,
        // Ref of an AWS::IAM::ManagedPolicy is its ARN.
        ["ResponderBoundary"] = BoundaryArn(account),
    };

    /// <summary>The node with its intrinsic functions resolved; null for AWS::NoValue (the property goes).</summary>
    private static JsonNode? Render(JsonNode node, string account)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o.Single().Key.StartsWith("Fn::", StringComparison.Ordinal) || o.ContainsKey("Ref") && o.Count == 1:
                var (function, argument) = o.Single();
                return function switch
                {
                    "Ref" when argument!.GetValue<string>() == "AWS::NoValue" => null,
                    "Ref" => Value(argument!.GetValue<string>(), account),
                    "Fn::Sub" => SubstitutionRegex().Replace(argument!.GetValue<string>(), m => Value(m.Groups[1].Value, account)),
                    "Fn::If" when argument![0]!.GetValue<string>() == "Enforce" => Render(argument[1]!, account),
                    _ => throw new NotSupportedException($"{function} {argument?.ToJsonString()} is not rendered here"),
                };
            case JsonObject o:
                var rendered = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (value is null || Render(value, account) is not { } child)
                    {
                        continue;
                    }
                    rendered[key] = child;
                }
                return rendered;
            case JsonArray a:
                return new JsonArray([.. a.Select(item => Render(item!, account)).Where(item => item is not null)]);
            default:
                return node.DeepClone();
        }
    }

    private static string Value(string name, string account) =>
        Values(account).TryGetValue(name, out var value) ? value : throw new NotSupportedException($"no value for {name}");

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubstitutionRegex();
}
