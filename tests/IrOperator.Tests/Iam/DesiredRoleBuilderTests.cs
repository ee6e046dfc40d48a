using System.Text.Json.Nodes;
using IrOperator.Iam.Desired;
using IrOperator.Iam.Policies;
using IrOperator.Iam.Presets;
using IrOperator.Resources;
using IrOperator.Tests.Resources;
using static IrOperator.Tests.Iam.RoleFixtures;

namespace IrOperator.Tests.Iam;

public class DesiredRoleBuilderTests
{
    [Fact]
    public void Builds_every_field_from_the_spec()
    {
        var desired = Desired(Standing("analyst", spec =>
        {
            spec.Path = "/ir/";
            spec.PermissionsBoundaryArn = "arn:aws:iam::111122223333:policy/ir-boundary";
        }));

        desired.RoleName.Should().Be("ir-analyst");
        desired.Path.Should().Be("/ir/");
        desired.Description.Should().Be("Read access for analysts");
        desired.MaxSessionDuration.Should().Be(7200);
        desired.ManagedPolicyArns.Should().Equal("arn:aws:iam::aws:policy/ReadOnlyAccess");
        desired.PermissionsBoundaryArn.Should().Be("arn:aws:iam::111122223333:policy/ir-boundary");
        desired.InlinePolicies.Keys.Should().Equal("audit");
        desired.Tags.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["team"] = "security",
            ["iroperator.io/owner"] = "responderrole/analyst",
            ["iroperator.io/cluster"] = Cluster,
        });
        desired.Owner.Should().Be(new RoleOwner("responderrole/analyst", Cluster));
    }

    [Fact]
    public void Role_name_comes_from_the_spec_when_set() =>
        Desired(Standing("analyst", spec => spec.RoleName = "SecurityAnalyst")).RoleName.Should().Be("SecurityAnalyst");

    [Fact]
    public void Standing_trust_names_account_roots_narrowed_by_principal_arn_with_mfa_and_source_identity()
    {
        var desired = Desired(Standing("analyst", spec => spec.Trust!.Principals = ["arn:aws:iam::222222222222:role/analysts", Responder]));

        desired.TrustPolicy.ToJson().Should().Be(
            """{"Version":"2012-10-17","Statement":{"Sid":"IrStanding","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222222222222:root","arn:aws:iam::444455556666:root"]},"Action":["sts:AssumeRole","sts:SetSourceIdentity"],"Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::222222222222:role/analysts","arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*"]},"Bool":{"aws:MultiFactorAuthPresent":"true"},"Null":{"sts:SourceIdentity":"false"}}}}""");
    }

    [Fact]
    public void Mfa_and_source_identity_conditions_follow_the_spec()
    {
        var desired = Desired(Standing("analyst", spec =>
        {
            spec.Trust!.RequireMfa = false;
            spec.Trust!.RequireSourceIdentity = false;
        }));

        desired.TrustPolicy.Statements.Single().Condition.Select(c => c.Operator).Should().Equal("ArnLike");
    }

    [Fact]
    public void A_break_glass_role_without_grants_is_dormant()
    {
        var trust = Desired(BreakGlass()).TrustPolicy;

        trust.ToJson().Should().Be("""{"Version":"2012-10-17","Statement":{"Sid":"IrDormant","Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}""");
    }

    [Fact]
    public void Grants_replace_the_dormant_statement_with_one_statement_each()
    {
        var trust = Desired(BreakGlass(), new RoleAccess([Grant("uid-b", "bob"), Grant("uid-a")], [])).TrustPolicy;

        trust.Statements.Select(s => s.Sid).Should().BeEquivalentTo(Grant("uid-a").Sid, Grant("uid-b", "bob").Sid);
        trust.Statements.Should().NotContain(s => s.Sid == TrustPolicies.DormantSid);
        trust.FindStatement(Grant("uid-a").Sid)!.ToJson().Should().Be(
            "{\"Sid\":\"" + Grant("uid-a").Sid + "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]," +
            "\"Condition\":{\"ArnLike\":{\"aws:PrincipalArn\":\"" + Responder + "\"},\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"2026-11-29T10:00:00Z\"}," +
            "\"DateLessThan\":{\"aws:CurrentTime\":\"2026-11-29T12:00:00Z\"},\"StringEquals\":{\"sts:SourceIdentity\":\"alice\"}}}");
    }

    [Fact]
    public void Grant_and_end_sids_are_alphanumeric_hashes_stable_per_input()
    {
        Grant("uid-a").Sid.Should().MatchRegex("^IrGrant[0-9a-f]{10}$").And.Be(Grant("uid-a", "someone-else").Sid).And.NotBe(Grant("uid-b").Sid);
        new EndOfAccess("alice", Start).Sid.Should().MatchRegex("^IrEnd[0-9a-f]{10}$").And.Be(new EndOfAccess("alice", Start.AddHours(1)).Sid);
    }

    [Fact]
    public void End_of_access_denies_go_in_the_reserved_inline_policy_with_the_latest_end_per_requester()
    {
        var desired = Desired(BreakGlass(), new RoleAccess([], [new EndOfAccess("alice", Start), new EndOfAccess("alice", Start.AddHours(3)), new EndOfAccess("bob", Start)]));

        var policy = desired.InlinePolicies[EndOfAccessPolicy.Name];
        policy.Statements.Should().HaveCount(2);
        policy.FindStatement(new EndOfAccess("alice", Start).Sid)!.ToJson().Should().Be(
            "{\"Sid\":\"" + new EndOfAccess("alice", Start).Sid + "\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{" +
            "\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"2026-11-29T13:00:00Z\"},\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-29T13:00:00Z\"}," +
            "\"StringEquals\":{\"aws:SourceIdentity\":\"alice\"}}}");
    }

    [Fact]
    public void No_end_of_access_policy_without_denies() =>
        Desired(BreakGlass()).InlinePolicies.Should().NotContainKey(EndOfAccessPolicy.Name);

    [Theory]
    [InlineData(RolePreset.SecurityAnalyst, new[] { "iroperator-preset-analyst" })]
    [InlineData(RolePreset.ForensicInvestigator, new[] { "iroperator-preset-analyst", "iroperator-preset-forensics" })]
    [InlineData(RolePreset.IncidentCommander, new[] { "iroperator-preset-analyst", "iroperator-preset-containment" })]
    public void Presets_become_reserved_inline_policies(RolePreset preset, string[] names) =>
        Desired(Standing("analyst", spec => spec.Preset = preset)).InlinePolicies.Keys.Should().BeEquivalentTo(names.Append("audit"));

    [Fact]
    public void Every_preset_leaves_half_the_inline_budget_for_the_spec_and_the_denies()
    {
        foreach (var preset in Enum.GetValues<RolePreset>())
        {
            Presets.For(preset, new PresetOptions()).Values.Sum(d => d.Size).Should().BeLessThan(PolicySize.RoleInlinePoliciesQuota / 2, preset.ToString());
        }
    }

    public static TheoryData<string, Action<ResponderRoleSpec>, string> BadSpecs => new()
    {
        { "malformed inline document", spec => spec.InlinePolicies!["audit"] = Json("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Permit","Action":"s3:GetObject","Resource":"*"}]}"""),
            "spec.inlinePolicies.audit.Statement[1].Effect: must be Allow or Deny" },
        { "principal in an inline policy", spec => spec.InlinePolicies!["audit"] = Json("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}"""),
            "spec.inlinePolicies.audit.Statement[0].Principal: an identity policy names no principal*" },
        { "reserved inline policy name", spec => spec.InlinePolicies!["IROperator-mine"] = Json("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"""),
            "spec.inlinePolicies.IROperator-mine: names starting with \"iroperator\" are reserved*" },
        { "too many managed policies", spec => spec.ManagedPolicyArns = Enumerable.Range(0, 11).Select(i => $"arn:aws:iam::aws:policy/P{i}").ToList(),
            "spec.managedPolicyArns: 11 managed policies, over IAM's quota of 10 per role" },
        { "invalid managed policy ARN", spec => spec.ManagedPolicyArns = ["arn:aws:iam::aws:role/x"],
            "spec.managedPolicyArns[0]: \"arn:aws:iam::aws:role/x\" is not an IAM managed policy ARN*" },
        { "invalid boundary", spec => spec.PermissionsBoundaryArn = "arn:aws:s3:::bucket",
            "spec.permissionsBoundaryArn: \"arn:aws:s3:::bucket\" is not an IAM managed policy ARN*" },
        { "IAM policy variable as the boundary's account", spec => spec.PermissionsBoundaryArn = "arn:aws:iam::${aws:PrincipalAccount}:policy/b",
            "spec.permissionsBoundaryArn: \"arn:aws:iam::${aws:PrincipalAccount}:policy/b\" is not an IAM managed policy ARN*{accountId}*" },
        { "session too long", spec => spec.MaxSessionDuration = "13h",
            "spec.maxSessionDuration: \"13h\" must be a duration from 1h to 12h" },
        { "reserved tag", spec => spec.Tags!["iroperator.io/owner"] = "me",
            "spec.tags.iroperator.io/owner: tag keys starting with iroperator.io/ are reserved for the operator" },
        { "tag value with a character IAM refuses", spec => spec.Tags!["team"] = "sec;ops",
            "spec.tags.team: a tag value is at most 256 letters, digits, spaces and _ . : / = + - @" },
        { "tag key under aws:", spec => spec.Tags!["aws:owner"] = "x",
            "spec.tags.aws:owner: tag keys starting with aws: are reserved for AWS" },
        { "wildcard principal", spec => spec.Trust!.Principals = ["arn:aws:iam::222222222222:role/*"],
            "spec.trust.principals[0]: \"arn:aws:iam::222222222222:role/*\" is not an IAM role or user ARN" },
        { "inline policies over the role's budget", spec => spec.InlinePolicies!["big"] = BigPolicy(11000),
            "spec.inlinePolicies: the role's inline policies total * characters (preset 0, inlinePolicies *, end-of-access denies 0), over IAM's quota of 10240 per role*" },
        { "standing trust over the trust quota", spec => spec.Trust!.Principals = Enumerable.Range(0, 20).Select(i => $"arn:aws:iam::2222222222{i:00}:role/a-rather-long-role-name-for-the-on-call-engineers-{i}").ToList(),
            "spec.trust.principals: the trust policy is * characters (0 grant statements), over the quota of 2048*" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Refuses_what_iam_would_refuse_before_any_call_naming_the_field(string because, Action<ResponderRoleSpec> breakIt, string error)
    {
        var result = DesiredRoleBuilder.Build(Standing("analyst", breakIt), RoleAccess.None, Options);

        result.IsValid.Should().BeFalse(because);
        result.Role.Should().BeNull();
        result.Errors.Should().ContainSingle(because).Which.ToString().Should().Match(error);
        result.Message.Should().Match(error);
    }

    [Fact]
    public void Grants_that_overflow_the_trust_quota_are_reported()
    {
        var grants = Enumerable.Range(0, 6).Select(i => Grant("uid-" + i)).ToList();

        var result = DesiredRoleBuilder.Build(BreakGlass(), new RoleAccess(grants, []), Options);

        result.Errors.Should().ContainSingle().Which.ToString().Should().Match("trust policy: the trust policy is * characters (6 grant statements), over the quota of 2048*");
        DesiredRoleBuilder.Build(BreakGlass(), new RoleAccess(grants, []), Options with { TrustPolicySizeQuota = 8192 }).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_raised_managed_policy_quota_is_honoured() =>
        DesiredRoleBuilder.Build(Standing("analyst", spec => spec.ManagedPolicyArns = Enumerable.Range(0, 11).Select(i => $"arn:aws:iam::aws:policy/P{i}").ToList()),
            RoleAccess.None, Options with { ManagedPoliciesPerRoleQuota = 20 }).IsValid.Should().BeTrue();

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var result = DesiredRoleBuilder.Build(Standing("analyst", spec =>
        {
            spec.MaxSessionDuration = "30m";
            spec.PermissionsBoundaryArn = "nope";
        }), RoleAccess.None, Options);

        result.Errors.Select(e => e.Field).Should().BeEquivalentTo("spec.maxSessionDuration", "spec.permissionsBoundaryArn");
    }

    [Fact]
    public void Every_example_role_builds()
    {
        Examples.Roles.Should().NotBeEmpty();
        foreach (var role in Examples.Roles)
        {
            var result = DesiredRoleBuilder.Build(role, RoleAccess.None, Options);
            result.IsValid.Should().BeTrue($"{role.Metadata.Name}: {result.Message}");
        }
    }

    private static JsonObject Json(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static JsonObject BigPolicy(int size)
    {
        var actions = Enumerable.Range(0, size / 20).Select(i => $"s3:GetObjectNumber{i:0000}").ToList();
        return new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)JsonValue.Create(a))]),
                ["Resource"] = "*",
            },
        };
    }
}
