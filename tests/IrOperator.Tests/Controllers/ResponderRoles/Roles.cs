using System.Text.Json.Nodes;
using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>ResponderRoles for the integration tests: standing trust for a role in the security-tooling account, a small inline policy, a managed policy.</summary>
internal static class Roles
{
    public const string Tooling = "222222222222";
    public const string Prod = "333333333333";
    public const string Dev = "444444444444";
    public const string Legacy = "555555555555";
    public const string Management = "111111111111";
    public const string Analyst = "arn:aws:iam::222222222222:role/analyst";
    public const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    public static ResponderRole New(string name, params string[] accounts) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ResponderRoleSpec
        {
            Description = "integration test role",
            Preset = RolePreset.None,
            ManagedPolicyArns = [ReadOnly],
            InlinePolicies = new Dictionary<string, JsonObject> { ["logs-read"] = Inline("logs:GetLogEvents") },
            MaxSessionDuration = "1h",
            Accounts = new AccountSelector { Ids = accounts },
            Trust = new TrustSpec { Principals = [Analyst] },
            Tags = new Dictionary<string, string> { ["team"] = "security" },
        },
    };

    public static JsonObject Inline(params string[] actions) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray(actions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["Resource"] = "*",
        }),
    };

    /// <summary>The IAM role name of a ResponderRole created with <see cref="New"/>.</summary>
    public static string IamName(string name) => IrOperatorApi.DefaultRoleNamePrefix + name;
}
