using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class RequestContextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 30, 15, TimeSpan.Zero);

    [Fact]
    public void Session_context_carries_role_arn_source_identity_issue_time_and_mfa()
    {
        var issued = Now.AddMinutes(-5);
        var caller = CallerIdentity.Session("arn:aws:iam::111122223333:role/incident-response/ir-forensics", "alice", issued, "alice");

        var context = RequestContext.Create(caller, "iam:GetRole", "*", Now);

        caller.Arn.Should().Be("arn:aws:sts::111122223333:assumed-role/ir-forensics/alice");
        context.ValuesOf("aws:principalarn").Should().Equal("arn:aws:iam::111122223333:role/incident-response/ir-forensics");
        context.ValuesOf(ContextKeys.PrincipalAccount).Should().Equal("111122223333");
        context.ValuesOf(ContextKeys.PrincipalType).Should().Equal("AssumedRole");
        context.ValuesOf(ContextKeys.SourceIdentity).Should().Equal("alice");
        context.ValuesOf(ContextKeys.TokenIssueTime).Should().Equal("2026-11-29T10:25:15Z");
        context.ValuesOf(ContextKeys.CurrentTime).Should().Equal("2026-11-29T10:30:15Z");
        context.ValuesOf(ContextKeys.EpochTime).Should().Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.ValuesOf(ContextKeys.MultiFactorAuthPresent).Should().Equal("false");
    }

    [Fact]
    public void Long_term_credentials_have_no_session_keys()
    {
        var context = RequestContext.Create(CallerIdentity.User("arn:aws:iam::111122223333:user/ops/alice"), "iam:GetRole", "*", Now);

        context.ValuesOf(ContextKeys.Username).Should().Equal("alice");
        context.ValuesOf(ContextKeys.PrincipalArn).Should().Equal("arn:aws:iam::111122223333:user/ops/alice");
        context.Keys.Should().NotContainKey(ContextKeys.TokenIssueTime)
            .And.NotContainKey(ContextKeys.SourceIdentity)
            .And.NotContainKey(ContextKeys.MultiFactorAuthPresent);
    }

    [Fact]
    public void With_and_without_leave_the_original_unchanged()
    {
        var context = RequestContext.Create(CallerIdentity.Root("111122223333"), "sts:AssumeRole", "*", Now);

        var changed = context.With(ContextKeys.StsSourceIdentity, "alice").Without(ContextKeys.PrincipalArn);

        changed.ValuesOf("STS:SOURCEIDENTITY").Should().Equal("alice");
        changed.ValuesOf(ContextKeys.PrincipalArn).Should().BeEmpty();
        context.ValuesOf(ContextKeys.StsSourceIdentity).Should().BeEmpty();
        context.ValuesOf(ContextKeys.PrincipalArn).Should().Equal("arn:aws:iam::111122223333:root");
    }
}
