using IrOperator.Controllers.Grants;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class AssumeRoleCommandTests
{
    [Fact]
    public void Names_the_role_the_session_and_the_source_identity()
    {
        var arn = AssumeRoleCommand.RoleArn("aws", "333333333333", "/incident-response/", "ir-forensic-investigator");
        arn.Should().Be("arn:aws:iam::333333333333:role/incident-response/ir-forensic-investigator");
        AssumeRoleCommand.For(arn, "alice@example.com").Should().Be(
            "aws sts assume-role --role-arn arn:aws:iam::333333333333:role/incident-response/ir-forensic-investigator " +
            "--role-session-name alice@example.com --source-identity alice@example.com");
    }

    [Theory]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*", true)]
    [InlineData("arn:aws:iam::222222222222:role/responder", true)]
    [InlineData("arn:aws:iam::222222222222:user/alice", false)]
    public void Role_chaining_applies_to_role_principals(string principal, bool chained) =>
        RoleChaining.Applies(principal).Should().Be(chained);
}
