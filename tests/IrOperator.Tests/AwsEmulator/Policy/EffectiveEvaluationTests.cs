using System.Collections.Immutable;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

/// <summary>
/// Identity policies, a permissions boundary and session policies together
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), the
/// principal naming rules that waive the identity policy, the request context keys and the trust
/// binding to unique ids.
/// </summary>
public sealed class EffectiveEvaluationTests
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/ir/responder";
    private static readonly CallerIdentity Session = CallerIdentity.Session(RoleArn, "alice", DateTimeOffset.UnixEpoch);
    private static readonly PolicyDocument ReadIam = Identity("""{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}""");
    private static readonly PolicyDocument GetOnly = Identity("""{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}""");
    private static readonly PolicyDocument DenyGetRole = Identity("""{"Sid":"NoGetRole","Effect":"Deny","Action":"iam:GetRole","Resource":"*"}""");

    [Theory]
    [InlineData("iam:GetRole", DecisionKind.Allow, DecisionSource.Identity)]
    [InlineData("iam:ListRoles", DecisionKind.ImplicitDeny, DecisionSource.PermissionsBoundary)]
    [InlineData("iam:DeleteRole", DecisionKind.ImplicitDeny, DecisionSource.Identity)]
    public void A_boundary_cuts_what_the_identity_allows_and_adds_nothing(string action, DecisionKind kind, DecisionSource source)
    {
        var decision = PolicyEvaluator.EvaluateEffective(new EffectivePolicies([ReadIam], PermissionsBoundary: GetOnly), Call(action));

        (decision.Kind, decision.Source).Should().Be((kind, source));
    }

    [Theory]
    [InlineData("iam:GetRole", DecisionKind.ExplicitDeny, DecisionSource.SessionPolicy)]
    [InlineData("iam:GetPolicy", DecisionKind.Allow, DecisionSource.Identity)]
    [InlineData("iam:ListRoles", DecisionKind.ImplicitDeny, DecisionSource.SessionPolicy)]
    public void Session_policies_cut_too_and_an_explicit_deny_in_them_wins(string action, DecisionKind kind, DecisionSource source)
    {
        var decision = PolicyEvaluator.EvaluateEffective(new EffectivePolicies([ReadIam], SessionPolicies: [GetOnly, DenyGetRole]), Call(action));

        (decision.Kind, decision.Source).Should().Be((kind, source));
    }

    [Fact]
    public void An_empty_list_of_session_policies_allows_nothing_while_none_passed_limits_nothing()
    {
        PolicyEvaluator.EvaluateEffective(new EffectivePolicies([ReadIam], SessionPolicies: []), Call("iam:GetRole")).IsAllowed.Should().BeFalse();
        PolicyEvaluator.EvaluateEffective(new EffectivePolicies([ReadIam]), Call("iam:GetRole")).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void A_resource_policy_naming_the_caller_replaces_the_identity_allow_but_not_a_deny_or_a_boundary()
    {
        PolicyEvaluator.EvaluateEffective(EffectivePolicies.None, Call("sts:AssumeRole"), allowedByResource: true).IsAllowed.Should().BeTrue();
        PolicyEvaluator.EvaluateEffective(new EffectivePolicies([DenyGetRole]), Call("iam:GetRole"), allowedByResource: true).Kind.Should().Be(DecisionKind.ExplicitDeny);
        PolicyEvaluator.EvaluateEffective(new EffectivePolicies([], GetOnly), Call("sts:AssumeRole"), allowedByResource: true).Source.Should().Be(DecisionSource.PermissionsBoundary);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/ir/responder", true)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/responder/alice", true)]
    [InlineData("arn:aws:iam::111122223333:root", false)]
    [InlineData("111122223333", false)]
    [InlineData("*", false)]
    public void Only_a_principal_ARN_of_the_caller_names_it_directly(string principal, bool direct)
    {
        var set = new PrincipalSet(false, new Dictionary<string, IReadOnlyList<string>> { [PrincipalSet.Aws] = [principal] });

        PrincipalMatcher.NamesDirectly(set, Session).Should().Be(direct);
        PrincipalMatcher.Matches(set, Session).Should().BeTrue();
    }

    [Fact]
    public void Context_holds_userid_organization_principal_and_request_tags()
    {
        var caller = Session with
        {
            UserId = "AROAEXAMPLE:alice",
            PrincipalOrgId = "o-example",
            PrincipalTags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["team"] = "ir" },
        };

        var context = RequestContext.Create(caller, "iam:TagRole", RoleArn, DateTimeOffset.UnixEpoch)
            .WithRequestTags([KeyValuePair.Create("incident", "INC-1"), KeyValuePair.Create("Owner", "bob")]);

        context.ValuesOf("aws:userid").Should().Equal("AROAEXAMPLE:alice");
        context.ValuesOf("aws:PrincipalOrgID").Should().Equal("o-example");
        context.ValuesOf("aws:principaltag/TEAM").Should().Equal("ir");
        context.ValuesOf("aws:RequestTag/incident").Should().Equal("INC-1");
        context.ValuesOf("aws:TagKeys").Should().Equal("incident", "Owner");
        RequestContext.Create(Session, "iam:GetRole", RoleArn, DateTimeOffset.UnixEpoch).WithRequestTags([]).ValuesOf("aws:TagKeys").Should().BeEmpty();
    }

    [Fact]
    public void TagSession_is_required_with_tags_and_SetSourceIdentity_with_a_source_identity()
    {
        var trust = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}""").ValidateAsTrustPolicy();
        var plain = RequestContext.Create(Session, "sts:AssumeRole", RoleArn, DateTimeOffset.UnixEpoch);

        PolicyEvaluator.EvaluateTrust(trust, plain.With(ContextKeys.StsSourceIdentity, "alice")).IsAllowed.Should().BeTrue();
        PolicyEvaluator.EvaluateTrust(trust, plain.WithRequestTags([KeyValuePair.Create("k", "v")])).IsAllowed.Should().BeFalse();
        PolicyEvaluator.AlsoRequired(plain.WithRequestTags([KeyValuePair.Create("k", "v")]).With(ContextKeys.StsSourceIdentity, "alice"))
            .Should().Equal(PolicyEvaluator.SetSourceIdentityAction, PolicyEvaluator.TagSessionAction);
    }

    [Fact]
    public void A_trust_bound_to_a_deleted_principal_shows_its_id_and_matches_nobody()
    {
        const string caller = "arn:aws:iam::111122223333:role/caller";
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/caller","arn:aws:iam::444455556666:root"]},"Action":"sts:AssumeRole"}]}""";
        var trust = PolicyDocument.Parse(json).ValidateAsTrustPolicy();
        var ids = new Dictionary<string, string> { [caller] = "AROAOLD" };
        var role = new IamRole("111122223333", "target", "/", "AROATARGET", DateTimeOffset.UnixEpoch, json, trust, null, 3600, null, [],
            ImmutableSortedDictionary.Create<string, InlinePolicy>(StringComparer.Ordinal), [])
        {
            TrustPrincipalIds = TrustBinding.Bind(trust, arn => ids.GetValueOrDefault(arn)),
        };
        var session = RequestContext.Create(CallerIdentity.Session(caller, "s", DateTimeOffset.UnixEpoch), "sts:AssumeRole", role.Arn, DateTimeOffset.UnixEpoch);

        role.TrustPrincipalIds.Should().Equal(new Dictionary<string, string> { [caller] = "AROAOLD" });
        PolicyEvaluator.EvaluateTrust(TrustBinding.Effective(role, arn => ids.GetValueOrDefault(arn)), session).IsAllowed.Should().BeTrue();
        TrustBinding.Display(role, arn => ids.GetValueOrDefault(arn)).Should().Be(json);

        ids[caller] = "AROANEW";

        PolicyEvaluator.EvaluateTrust(TrustBinding.Effective(role, arn => ids.GetValueOrDefault(arn)), session).IsAllowed.Should().BeFalse();
        TrustBinding.Display(role, arn => ids.GetValueOrDefault(arn)).Should().Contain("\"AROAOLD\"").And.Contain("arn:aws:iam::444455556666:root").And.NotContain("role/caller");
    }

    [Fact]
    public void TagRole_replaces_a_key_of_another_case_in_place()
    {
        var merged = IamService.Merge([new IamTag("Env", "prod"), new IamTag("Owner", "ir")], [new IamTag("env", "dev"), new IamTag("team", "x")]);

        merged.Should().Equal(new IamTag("env", "dev"), new IamTag("Owner", "ir"), new IamTag("team", "x"));
    }

    private static PolicyDocument Identity(string statement) =>
        PolicyDocument.Parse($$$"""{"Version":"2012-10-17","Statement":[{{{statement}}}]}""").ValidateAsIdentityPolicy();

    private static RequestContext Call(string action) => RequestContext.Create(Session, action, "*", DateTimeOffset.UnixEpoch);
}
