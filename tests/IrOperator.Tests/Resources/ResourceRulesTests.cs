using System.Text.RegularExpressions;
using IrOperator.Resources;

namespace IrOperator.Tests.Resources;

/// <summary>
/// What the patterns and CEL rules of the CRDs accept and refuse, value by value. Patterns run on .NET's
/// regex (the same as RE2 here, since every class is spelled out in ASCII); CEL rules on the Cel package
/// the emulator uses.
/// </summary>
public class ResourceRulesTests
{
    [Theory]
    [InlineData("ir-forensic-investigator", true)]
    [InlineData("Ir_Role+=,.@-", true)]
    [InlineData("a", true)]
    [InlineData("has space", false)]
    [InlineData("slash/name", false)]
    [InlineData("rôle", false)]
    [InlineData("", false)]
    public void Iam_role_names(string value, bool valid) => Matches(ResourcePatterns.IamRoleName, value).Should().Be(valid);

    [Fact]
    public void Iam_role_names_stop_at_64_characters()
    {
        Matches(ResourcePatterns.IamRoleName, new string('a', 64)).Should().BeTrue();
        Matches(ResourcePatterns.IamRoleName, new string('a', 65)).Should().BeFalse();
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/incident-response/", true)]
    [InlineData("/a/b.c/", true)]
    [InlineData("incident-response/", false)]
    [InlineData("/incident-response", false)]
    [InlineData("//", false)]
    [InlineData("/with space/", false)]
    [InlineData("", false)]
    public void Iam_paths(string value, bool valid) => Matches(ResourcePatterns.IamPath, value).Should().Be(valid);

    [Theory]
    [InlineData("111111111111", true)]
    [InlineData("11111111111", false)]
    [InlineData("1111111111111", false)]
    [InlineData("11111111111a", false)]
    [InlineData("١١١١١١١١١١١١", false)]
    public void Account_ids(string value, bool valid) => Matches(ResourcePatterns.AccountId, value).Should().Be(valid);

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess", true)]
    [InlineData("arn:aws:iam::222222222222:policy/team/ir-extra", true)]
    [InlineData("arn:aws-us-gov:iam::aws:policy/SecurityAudit", true)]
    [InlineData("arn:aws:iam::222222222222:role/not-a-policy", false)]
    [InlineData("arn:aws:s3:::bucket", false)]
    public void Managed_policy_arns(string value, bool valid) => Matches(ResourcePatterns.ManagedPolicyArn, value).Should().Be(valid);

    [Theory]
    [InlineData("arn:aws:iam::222222222222:policy/iroperator/IrOperatorResponderBoundary", true)]
    [InlineData("arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary", true)]
    [InlineData("arn:aws-us-gov:iam::{accountId}:policy/IrOperatorResponderBoundary", true)]
    [InlineData("arn:aws:iam::aws:policy/PowerUserAccess", true)]
    [InlineData("arn:aws:iam::${accountId}:policy/IrOperatorResponderBoundary", false)]
    [InlineData("arn:aws:iam::${aws:PrincipalAccount}:policy/IrOperatorResponderBoundary", false)]
    [InlineData("arn:aws:iam::{AccountId}:policy/IrOperatorResponderBoundary", false)]
    [InlineData("arn:aws:iam::{accountId}:role/IrOperatorResponderBoundary", false)]
    [InlineData("arn:{partition}:iam::{accountId}:policy/IrOperatorResponderBoundary", false)]
    public void Permissions_boundary_arns(string value, bool valid) => Matches(ResourcePatterns.PermissionsBoundaryArn, value).Should().Be(valid);

    [Theory]
    [InlineData("arn:aws:iam::222222222222:role/responder", true)]
    [InlineData("arn:aws:iam::222222222222:user/alice", true)]
    [InlineData("arn:aws:iam::222222222222:role/teams/ir/responder", true)]
    [InlineData("arn:aws-cn:iam::222222222222:role/responder", true)]
    [InlineData("arn:aws-us-gov:iam::222222222222:role/responder", true)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*", true)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Responder_*", true)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_0123456789abcdef", true)]
    [InlineData("arn:aws:iam::222222222222:role/*", false)]
    [InlineData("arn:aws:iam::222222222222:role/respond*", false)]
    [InlineData("arn:aws:iam::222222222222:role/respond?r", false)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/*", false)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*", false)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*/x", false)]
    [InlineData("arn:aws:iam::*:role/responder", false)]
    [InlineData("arn:aws:iam::22222222222:role/responder", false)]
    [InlineData("arn:aws:iam::222222222222:root", false)]
    [InlineData("arn:aws:iam::222222222222:group/responders", false)]
    [InlineData("arn:aws:sts::222222222222:assumed-role/responder/alice", false)]
    [InlineData("arn:aws-iso:iam::222222222222:role/responder", false)]
    [InlineData("222222222222", false)]
    [InlineData("*", false)]
    public void Principal_arns(string value, bool valid) => Cel.Evaluate(CelRules.PrincipalArn, value).Should().Be(valid);

    [Theory]
    [InlineData("1h", true)]
    [InlineData("12h", true)]
    [InlineData("90m", true)]
    [InlineData("2h30m", true)]
    [InlineData("3600s", true)]
    [InlineData("59m59s", false)]
    [InlineData("12h1s", false)]
    [InlineData("0h", false)]
    [InlineData("1d", true)] // not a duration: the pattern refuses it, the rule stays quiet so the user sees one error
    public void Max_session_duration_bounds(string value, bool valid) => Cel.Evaluate(CelRules.DurationBetween("1h", "12h"), value).Should().Be(valid);

    [Theory]
    [InlineData("1m", true)]
    [InlineData("60s", true)]
    [InlineData("15m", true)]
    [InlineData("4h", true)]
    [InlineData("12h", true)]
    [InlineData("59s", false)]
    [InlineData("0s", false)]
    [InlineData("12h30m", false)]
    [InlineData("99999h", false)]
    public void Grant_duration_bounds(string value, bool valid) => Cel.Evaluate(CelRules.DurationBetween("1m", "12h"), value).Should().Be(valid);

    [Theory]
    [InlineData("1h", true)]
    [InlineData("2h30m", true)]
    [InlineData("45m10s", true)]
    [InlineData("1.5h", false)]
    [InlineData("1d", false)]
    [InlineData("30m2h", false)]
    [InlineData("-1h", false)]
    [InlineData("1 h", false)]
    public void Duration_format(string value, bool valid) => Matches(ResourcePatterns.Duration, value).Should().Be(valid);

    [Theory]
    [InlineData("INC-4711", true)]
    [InlineData(" x ", true)]
    [InlineData("   ", false)]
    [InlineData("\t\n", false)]
    public void Free_text_must_not_be_blank(string value, bool valid) => Cel.Evaluate(CelRules.NotBlank, value).Should().Be(valid);

    [Theory]
    [InlineData("network-read", true)]
    [InlineData("IrOperator-Deny", false)]
    [InlineData("iroperator-end-of-access", false)]
    [InlineData("has space", false)]
    public void Inline_policy_names(string name, bool valid) =>
        Cel.Evaluate(CelRules.InlinePolicyNames, new Dictionary<string, object?> { [name] = new Dictionary<string, object?>() }).Should().Be(valid);

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void A_role_has_either_standing_trust_or_break_glass(bool trust, bool breakGlass, bool valid)
    {
        // Non-empty objects: Cel 0.3.3's has() reports an empty map as absent (the API server does not);
        // the schema never admits an empty trust or breakGlass anyway (required principals / approvers).
        var spec = new Dictionary<string, object?>();
        if (trust)
        {
            spec["trust"] = new Dictionary<string, object?> { ["principals"] = new List<object?> { "arn:aws:iam::222222222222:role/r" } };
        }

        if (breakGlass)
        {
            spec["breakGlass"] = new Dictionary<string, object?> { ["minApprovals"] = 1L };
        }

        Cel.Evaluate(CelRules.TrustXorBreakGlass, spec).Should().Be(valid);
    }

    [Theory]
    [InlineData(2, 2, false, true)]
    [InlineData(3, 2, false, false)]
    [InlineData(3, 1, true, true)]
    public void Two_person_rule_needs_enough_approver_users_unless_groups_are_named(int minApprovals, int users, bool groups, bool valid)
    {
        var approvers = new Dictionary<string, object?> { ["users"] = Enumerable.Range(0, users).Select(i => (object?)$"user{i}").ToList() };
        if (groups)
        {
            approvers["groups"] = new List<object?> { "incident-commanders" };
        }

        var breakGlass = new Dictionary<string, object?> { ["approvers"] = approvers, ["minApprovals"] = (long)minApprovals };
        Cel.Evaluate(CelRules.EnoughApproverUsers, breakGlass).Should().Be(valid);
    }

    private static bool Matches(string pattern, string value) => Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant);
}
