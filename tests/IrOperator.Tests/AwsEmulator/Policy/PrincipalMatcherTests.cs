using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class PrincipalMatcherTests
{
    private const string Account = "444455556666";
    private const string RoleArn = "arn:aws:iam::444455556666:role/ops/Responder";

    public static TheoryData<string, CallerIdentity> Callers => new()
    {
        { "root", CallerIdentity.Root(Account) },
        { "user", CallerIdentity.User("arn:aws:iam::444455556666:user/alice") },
        { "session", CallerIdentity.Session(RoleArn, "alice", DateTimeOffset.UnixEpoch) },
        { "other-root", CallerIdentity.Root("999988887777") },
        { "gov-session", CallerIdentity.Session("arn:aws-us-gov:iam::444455556666:role/ops/Responder", "alice", DateTimeOffset.UnixEpoch) },
        { "service", new CallerIdentity(CallerKind.Service, "", "ec2.amazonaws.com") },
    };

    // Which of the callers above each principal value matches.
    [Theory]
    [InlineData("*", "root,user,session,other-root,gov-session")]
    [InlineData(Account, "root,user,session,gov-session")]
    [InlineData("arn:aws:iam::444455556666:root", "root,user,session")]
    [InlineData("arn:aws-us-gov:iam::444455556666:root", "gov-session")]
    [InlineData(RoleArn, "session")]
    [InlineData("arn:aws:iam::444455556666:role/Responder", "")]
    [InlineData("arn:aws:iam::444455556666:user/alice", "user")]
    [InlineData("arn:aws:sts::444455556666:assumed-role/Responder/alice", "session")]
    [InlineData("arn:aws:sts::444455556666:assumed-role/Responder/bob", "")]
    [InlineData("arn:aws:iam::999988887777:root", "other-root")]
    public void AWS_principal_matches_the_principals_IAM_says(string principal, string expectedCallers)
    {
        var set = new PrincipalSet(false, new Dictionary<string, IReadOnlyList<string>> { ["AWS"] = [principal] });
        var expected = expectedCallers.Split(',', StringSplitOptions.RemoveEmptyEntries);

        var matched = Callers.Select(row => ((string)row[0], (CallerIdentity)row[1]))
            .Where(c => PrincipalMatcher.Matches(set, c.Item2))
            .Select(c => c.Item1);

        matched.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Service_principal_matches_only_that_service()
    {
        var set = new PrincipalSet(false, new Dictionary<string, IReadOnlyList<string>> { ["Service"] = ["ec2.amazonaws.com"] });

        PrincipalMatcher.Matches(set, new CallerIdentity(CallerKind.Service, "", "ec2.amazonaws.com")).Should().BeTrue();
        PrincipalMatcher.Matches(set, new CallerIdentity(CallerKind.Service, "", "lambda.amazonaws.com")).Should().BeFalse();
        PrincipalMatcher.Matches(set, CallerIdentity.Root(Account)).Should().BeFalse();
        PrincipalMatcher.Matches(PrincipalSet.Anyone, new CallerIdentity(CallerKind.Service, "", "ec2.amazonaws.com")).Should().BeTrue();
    }

    [Fact]
    public void NotPrincipal_exempts_a_session_only_with_its_role_and_account_listed()
    {
        var session = CallerIdentity.Session(RoleArn, "alice", DateTimeOffset.UnixEpoch);
        static PrincipalSet Listing(params string[] arns) => new(false, new Dictionary<string, IReadOnlyList<string>> { ["AWS"] = arns });

        PrincipalMatcher.IsExempt(Listing(session.Arn), session).Should().BeFalse();
        PrincipalMatcher.IsExempt(Listing(session.Arn, RoleArn), session).Should().BeFalse();
        PrincipalMatcher.IsExempt(Listing(session.Arn, RoleArn, "arn:aws:iam::444455556666:root"), session).Should().BeTrue();
        PrincipalMatcher.IsExempt(Listing("arn:aws:iam::444455556666:root"), CallerIdentity.Root(Account)).Should().BeTrue();
    }
}
