using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class PolicyEvaluatorTests
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/incident-response/ir-forensics";
    private static readonly CallerIdentity Session = CallerIdentity.Session(RoleArn, "alice", DateTimeOffset.UnixEpoch, "alice");

    private static PolicyDocument Identity(string statements) =>
        PolicyDocument.Parse($$$"""{"Version":"2012-10-17","Statement":[{{{statements}}}]}""").ValidateAsIdentityPolicy();

    private static RequestContext Call(string action, string resource) =>
        RequestContext.Create(Session, action, resource, DateTimeOffset.UnixEpoch.AddHours(1));

    [Theory]
    [InlineData("iam:GetRole", RoleArn, DecisionKind.Allow, "ReadRoles")]
    [InlineData("IAM:getrole", RoleArn, DecisionKind.Allow, "ReadRoles")]
    [InlineData("iam:GetRole", "arn:aws:iam::111122223333:role/other", DecisionKind.ImplicitDeny, null)]
    [InlineData("iam:DeleteRole", RoleArn, DecisionKind.ExplicitDeny, "NoDeletes")]
    [InlineData("iam:PutRolePolicy", RoleArn, DecisionKind.ImplicitDeny, null)]
    [InlineData("ec2:DescribeInstances", "*", DecisionKind.Allow, "AllButIam")]
    [InlineData("s3:GetObject", "arn:aws:s3:::evidence/x", DecisionKind.Allow, "AllButIam")]
    [InlineData("s3:GetObject", "arn:aws:s3:::secrets/x", DecisionKind.ImplicitDeny, null)]
    public void Explicit_deny_wins_then_allow_else_implicit_deny(string action, string resource, DecisionKind kind, string? sid)
    {
        var policies = new[]
        {
            Identity($$$"""
                {"Sid":"ReadRoles","Effect":"Allow","Action":["iam:Get*","iam:List*","iam:DeleteRole"],"Resource":"arn:aws:iam::111122223333:role/incident-response/*"},
                {"Sid":"NoDeletes","Effect":"Deny","Action":"iam:Delete*","Resource":"*"}
                """),
            Identity("""{"Sid":"AllButIam","Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secrets/*"}"""),
        };

        PolicyEvaluator.EvaluateIdentity(policies, Call(action, resource)).Should().Be(new Decision(kind, sid));
    }

    [Fact]
    public void No_policies_is_an_implicit_deny()
    {
        PolicyEvaluator.EvaluateIdentity([], Call("iam:GetRole", RoleArn)).Should().Be(Decision.ImplicitDeny);
    }

    [Fact]
    public void Policy_variables_resolve_from_the_request_in_2012_policies_only()
    {
        var statement = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::evidence/${aws:SourceIdentity}/*"}""";
        var modern = Identity(statement);
        var legacy = PolicyDocument.Parse($$$"""{"Version":"2008-10-17","Statement":[{{{statement}}}]}""").ValidateAsIdentityPolicy();

        PolicyEvaluator.EvaluateIdentity([modern], Call("s3:GetObject", "arn:aws:s3:::evidence/alice/disk.img")).IsAllowed.Should().BeTrue();
        PolicyEvaluator.EvaluateIdentity([modern], Call("s3:GetObject", "arn:aws:s3:::evidence/bob/disk.img")).IsAllowed.Should().BeFalse();
        PolicyEvaluator.EvaluateIdentity([legacy], Call("s3:GetObject", "arn:aws:s3:::evidence/alice/disk.img")).IsAllowed.Should().BeFalse();
        PolicyEvaluator.EvaluateIdentity([legacy], Call("s3:GetObject", "arn:aws:s3:::evidence/${aws:SourceIdentity}/x")).IsAllowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("${aws:SourceIdentity}", "alice")]
    [InlineData("a-${aws:sourceidentity}-${aws:PrincipalAccount}", "a-alice-111122223333")]
    [InlineData("${test:Missing, 'none'}", "none")]
    [InlineData("${*}${?}${$}", "*?$")]
    [InlineData("no variables", "no variables")]
    [InlineData("${test:Missing}", null)]
    public void Policy_variables_substitute_context_values(string text, string? expected)
    {
        PolicyVariables.Substitute(text, Call("s3:GetObject", "*")).Should().Be(expected);
    }

    [Fact]
    public void Trust_principal_must_match_before_conditions_count()
    {
        var trust = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":{"Sid":"Ops","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/incident-response/ir-forensics"},"Action":"sts:AssumeRole"}}
            """).ValidateAsTrustPolicy();
        var other = CallerIdentity.Session("arn:aws:iam::111122223333:role/other", "x", DateTimeOffset.UnixEpoch);

        PolicyEvaluator.EvaluateTrust(trust, Call("sts:AssumeRole", "arn:aws:iam::111122223333:role/target")).Should().Be(Decision.Allow("Ops"));
        PolicyEvaluator.EvaluateTrust(trust, RequestContext.Create(other, "sts:AssumeRole", "arn:aws:iam::111122223333:role/target", DateTimeOffset.UnixEpoch))
            .Should().Be(Decision.ImplicitDeny);
    }

    [Fact]
    public void Deny_with_NotPrincipal_spares_only_the_listed_principals()
    {
        var trust = PolicyDocument.Parse($$$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"},
              {"Sid":"OnlyForensics","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root","{{{RoleArn}}}","{{{Session.Arn}}}"]},"Action":"sts:AssumeRole"}]}
            """).ValidateAsTrustPolicy();
        var user = CallerIdentity.User("arn:aws:iam::111122223333:user/mallory");

        PolicyEvaluator.EvaluateTrust(trust, Call("sts:AssumeRole", RoleArn)).IsAllowed.Should().BeTrue();
        PolicyEvaluator.EvaluateTrust(trust, RequestContext.Create(user, "sts:AssumeRole", RoleArn, DateTimeOffset.UnixEpoch))
            .Should().Be(Decision.ExplicitDeny("OnlyForensics"));
    }

    [Theory]
    [InlineData("Bool", true, true)]
    [InlineData("Bool", false, false)]
    [InlineData("Bool", null, false)]
    [InlineData("BoolIfExists", null, true)]
    [InlineData("BoolIfExists", false, false)]
    public void Standing_trust_requiring_MFA_reads_aws_MultiFactorAuthPresent(string op, bool? mfa, bool allowed)
    {
        var trust = PolicyDocument.Parse($$$"""
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"],
             "Condition":{"{{{op}}}":{"aws:MultiFactorAuthPresent":"true"},"StringLike":{"sts:SourceIdentity":"*"}}
            }}
            """).ValidateAsTrustPolicy();
        // null: long-term access keys, whose requests carry no aws:MultiFactorAuthPresent at all.
        var caller = mfa is null
            ? CallerIdentity.User("arn:aws:iam::111122223333:user/alice")
            : CallerIdentity.Session("arn:aws:iam::111122223333:role/sso", "alice", DateTimeOffset.UnixEpoch, multiFactorAuthPresent: mfa.Value);
        var context = RequestContext.Create(caller, "sts:AssumeRole", RoleArn, DateTimeOffset.UnixEpoch).With(ContextKeys.StsSourceIdentity, "alice");

        PolicyEvaluator.EvaluateTrust(trust, context).IsAllowed.Should().Be(allowed);
    }
}
