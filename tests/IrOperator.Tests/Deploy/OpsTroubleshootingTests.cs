using System.Reflection;
using System.Text.RegularExpressions;
using IrOperator.Controllers.Grants;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// docs/troubleshooting.md explains every reason the code can put into a condition, an Event or the audit log:
/// the grant reasons (GrantReasons) and the ResponderRole condition reasons (the literals its status
/// projection and reconciler pass to Conditions.Set).
/// </summary>
public sealed partial class OpsTroubleshootingTests
{
    private static readonly string Page = OpsRepository.Read("docs/troubleshooting.md");

    [Fact]
    public void Every_grant_reason_has_a_section()
    {
        var reasons = typeof(GrantReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        reasons.Should().Contain(["AwaitingApproval", "AccountFailed"]);
        reasons.Where(r => !Documented(r)).Should().BeEmpty("each reason needs a '#### `Reason`' section in docs/troubleshooting.md");
    }

    [Fact]
    public void Every_role_condition_reason_has_a_section()
    {
        var code = string.Concat(
            OpsRepository.Read("src/Operator/Controllers/ResponderRoles/ResponderRoleStatusProjection.cs"),
            OpsRepository.Read("src/Operator/Controllers/ResponderRoles/ResponderRoleReconciler.cs"));
        var reasons = ReasonLiteral().Matches(code).Select(m => m.Groups[1].Value).ToHashSet();

        reasons.Should().Contain(["AllAccountsReady", "InventoryUnavailable", "InvalidSpec", "NotOwned"]);
        reasons.Where(r => !Documented(r)).Should().BeEmpty("each reason needs a '#### `Reason`' section in docs/troubleshooting.md");
    }

    private static bool Documented(string reason) => Page.Contains($"#### `{reason}`", StringComparison.Ordinal);

    // Conditions.Set(conditions, Type, Conditions.True|False, "Reason", ...) and the reason ternaries feeding it.
    [GeneratedRegex(@"(?:Conditions\.(?:True|False),\s*|[?:]\s*)""([A-Z][A-Za-z]+)""")]
    private static partial Regex ReasonLiteral();
}
