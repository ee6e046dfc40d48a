using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

/// <summary>The operator's grant trust statement and end-of-access deny (docs/iam-model.md, grant trust and end-of-access deny) evaluate as the design says.</summary>
public sealed class GrantScenarioTests
{
    private static readonly PolicyDocument Trust = PolicyDocument.Parse(GrantDocuments.TrustPolicy(GrantDocuments.Window)).ValidateAsTrustPolicy();
    private static readonly DateTimeOffset Start = GrantDocuments.WindowStart;
    private static readonly DateTimeOffset End = GrantDocuments.WindowEnd;

    [Fact]
    public void AssumeRole_inside_the_window_with_the_required_source_identity_is_allowed()
    {
        var decision = PolicyEvaluator.EvaluateTrust(Trust, GrantDocuments.AssumeRole(Start.AddMinutes(30)));

        decision.Should().Be(Decision.Allow(GrantDocuments.TrustSid));
    }

    [Fact]
    public void AssumeRole_in_the_second_of_the_start_is_allowed()
    {
        // DateGreaterThanEquals: aws:CurrentTime has whole seconds, and the grant shows activated from this second on.
        var decision = PolicyEvaluator.EvaluateTrust(Trust, GrantDocuments.AssumeRole(Start.AddMilliseconds(700)));

        decision.Should().Be(Decision.Allow(GrantDocuments.TrustSid));
    }

    public static TheoryData<string, RequestContext> RefusedAssumeRoles => new()
    {
        { "before the window", GrantDocuments.AssumeRole(Start.AddMinutes(-1)) },
        { "at the end (DateLessThan is strict)", GrantDocuments.AssumeRole(End) },
        { "after the window", GrantDocuments.AssumeRole(End.AddSeconds(1)) },
        { "without a source identity", GrantDocuments.AssumeRole(Start.AddMinutes(30), sourceIdentity: null) },
        { "with another source identity", GrantDocuments.AssumeRole(Start.AddMinutes(30), sourceIdentity: "bob") },
        { "source identity in another case", GrantDocuments.AssumeRole(Start.AddMinutes(30), sourceIdentity: "Alice") },
        {
            "another role of the principal account",
            GrantDocuments.AssumeRole(Start.AddMinutes(30), callerRoleArn: "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef")
        },
        {
            "a role of another account with the responder's name",
            GrantDocuments.AssumeRole(Start.AddMinutes(30), callerRoleArn: "arn:aws:iam::999988887777:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_0123456789abcdef")
        },
        {
            "the responder role in another partition",
            GrantDocuments.AssumeRole(Start.AddMinutes(30), callerRoleArn: "arn:aws-us-gov:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_0123456789abcdef")
        },
    };

    [Theory]
    [MemberData(nameof(RefusedAssumeRoles))]
    public void AssumeRole_outside_the_grant_is_implicitly_denied(string because, RequestContext context)
    {
        PolicyEvaluator.EvaluateTrust(Trust, context).Should().Be(Decision.ImplicitDeny, because);
    }

    [Fact]
    public void A_user_of_the_principal_account_is_refused_by_the_principal_arn_condition()
    {
        var caller = CallerIdentity.User("arn:aws:iam::444455556666:user/alice");
        var context = RequestContext.Create(caller, "sts:AssumeRole", GrantDocuments.GrantedRoleArn, Start.AddMinutes(30))
            .With(ContextKeys.StsSourceIdentity, "alice");

        PolicyEvaluator.EvaluateTrust(Trust, context).Should().Be(Decision.ImplicitDeny);
    }

    [Fact]
    public void Session_issued_inside_the_window_is_refused_after_the_end()
    {
        var deny = PolicyDocument.Parse(GrantDocuments.EndOfAccessDeny("alice", End)).ValidateAsIdentityPolicy();
        var permissions = PolicyDocument.Parse(GrantDocuments.Permissions).ValidateAsIdentityPolicy();
        PolicyDocument[] policies = [permissions, deny];
        var issued = Start.AddMinutes(30);

        var before = PolicyEvaluator.EvaluateIdentity(policies, GrantDocuments.GrantedSessionCall("alice", issued, End.AddSeconds(-1)));
        var atTheEnd = PolicyEvaluator.EvaluateIdentity(policies, GrantDocuments.GrantedSessionCall("alice", issued, End.AddMilliseconds(700)));
        var after = PolicyEvaluator.EvaluateIdentity(policies, GrantDocuments.GrantedSessionCall("alice", issued, End.AddSeconds(1)));

        before.Should().Be(Decision.Allow("Investigate"));
        atTheEnd.Should().Be(Decision.ExplicitDeny(GrantDocuments.DenySid), "DateGreaterThanEquals: the second of the end is outside the window");
        after.Should().Be(Decision.ExplicitDeny(GrantDocuments.DenySid));
    }

    public static TheoryData<string, RequestContext> UnaffectedSessions => new()
    {
        { "another responder's session on the same role", GrantDocuments.GrantedSessionCall("bob", Start.AddMinutes(30), End.AddMinutes(30)) },
        { "the same responder's session issued after the end (a later grant)", GrantDocuments.GrantedSessionCall("alice", End.AddMinutes(10), End.AddMinutes(30)) },
        { "a session without a source identity", GrantDocuments.GrantedSessionCall(null, Start.AddMinutes(30), End.AddMinutes(30)) },
    };

    [Theory]
    [MemberData(nameof(UnaffectedSessions))]
    public void End_of_access_deny_cuts_off_only_the_requesters_earlier_sessions(string because, RequestContext context)
    {
        var deny = PolicyDocument.Parse(GrantDocuments.EndOfAccessDeny("alice", End)).ValidateAsIdentityPolicy();
        var permissions = PolicyDocument.Parse(GrantDocuments.Permissions).ValidateAsIdentityPolicy();

        PolicyEvaluator.EvaluateIdentity([permissions, deny], context).Should().Be(Decision.Allow("Investigate"), because);
    }

    [Fact]
    public void End_of_access_deny_outranks_an_allow_in_any_policy_order()
    {
        var deny = PolicyDocument.Parse(GrantDocuments.EndOfAccessDeny("alice", End)).ValidateAsIdentityPolicy();
        var permissions = PolicyDocument.Parse(GrantDocuments.Permissions).ValidateAsIdentityPolicy();
        var call = GrantDocuments.GrantedSessionCall("alice", Start.AddMinutes(30), End.AddMinutes(1), "iam:GetRole");

        PolicyEvaluator.EvaluateIdentity([deny, permissions], call).Kind.Should().Be(DecisionKind.ExplicitDeny);
        PolicyEvaluator.EvaluateIdentity([permissions, deny], call).Kind.Should().Be(DecisionKind.ExplicitDeny);
    }

    [Fact]
    public void Setting_a_source_identity_needs_SetSourceIdentity_in_the_trust_policy()
    {
        var assumeOnly = PolicyDocument.Parse($$$"""
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"{{{GrantDocuments.ResponderRoleArn}}}"},"Action":"sts:AssumeRole"}}
            """).ValidateAsTrustPolicy();
        var at = Start.AddMinutes(30);

        PolicyEvaluator.EvaluateTrust(assumeOnly, GrantDocuments.AssumeRole(at, sourceIdentity: null)).IsAllowed.Should().BeTrue();
        PolicyEvaluator.EvaluateTrust(assumeOnly, GrantDocuments.AssumeRole(at, sourceIdentity: "alice")).Should().Be(Decision.ImplicitDeny);
    }

    [Fact]
    public void A_deny_of_SetSourceIdentity_refuses_AssumeRole_with_a_source_identity()
    {
        var trust = PolicyDocument.Parse($$$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"{{{GrantDocuments.PrincipalAccount}}}"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]},
              {"Sid":"NoSourceIdentity","Effect":"Deny","Principal":"*","Action":"sts:SetSourceIdentity"}]}
            """).ValidateAsTrustPolicy();

        PolicyEvaluator.EvaluateTrust(trust, GrantDocuments.AssumeRole(Start, sourceIdentity: "alice")).Should().Be(Decision.ExplicitDeny("NoSourceIdentity"));
        PolicyEvaluator.EvaluateTrust(trust, GrantDocuments.AssumeRole(Start, sourceIdentity: null)).IsAllowed.Should().BeTrue();
    }
}
