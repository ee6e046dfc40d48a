using IrOperator.Controllers.Grants;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class ArnPatternTests
{
    private const string Sso = "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*";

    [Theory]
    [InlineData("arn:aws:iam::222222222222:role/responder", "arn:aws:iam::222222222222:role/responder", true)]
    [InlineData("arn:aws:iam::222222222222:role/*", "arn:aws:iam::222222222222:role/path/responder", true)]
    [InlineData("arn:aws:iam::222222222222:role/respond?r", "arn:aws:iam::222222222222:role/responder", true)]
    [InlineData("arn:aws:iam::*:role/responder", "arn:aws:iam::999999999999:role/responder", true)]
    [InlineData("arn:*:iam::222222222222:role/responder", "arn:aws-cn:iam::222222222222:role/responder", true)]
    [InlineData("arn:aws:iam::222222222222:role/*", "arn:aws:iam::333333333333:role/responder", false)]
    [InlineData("arn:aws:iam::222222222222:role/Responder", "arn:aws:iam::222222222222:role/responder", false)] // case-sensitive
    [InlineData("arn:aws:iam::2222*:role/responder", "arn:aws:iam::222222222222:user/x:role/responder", false)] // '*' never crosses ':'
    [InlineData("arn:aws:iam::222222222222:user/*", "arn:aws:iam::222222222222:role/responder", false)]
    [InlineData("arn:aws:iam::222222222222:role/responder", "arn:aws:iam::222222222222:role/responder2", false)]
    [InlineData("arn:aws:iam::222222222222:role/responder", "not an arn", false)]
    public void Matches_like_ArnLike(string pattern, string arn, bool expected) => ArnPattern.Matches(pattern, arn).Should().Be(expected);

    [Theory]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*", true)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*", true)]
    [InlineData("arn:aws:iam::222222222222:role/*", true)]
    [InlineData("arn:aws:iam::*:role/*", true)]
    // Matches the literal text of the grant's pattern, but not every role that pattern stands for:
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_?", false)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*x", false)]
    [InlineData("arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Analyst_*", false)]
    [InlineData("arn:aws:iam::333333333333:role/*", false)]
    public void An_identity_center_pattern_is_covered_only_by_a_pattern_covering_every_suffix(string allowed, bool expected) =>
        ArnPattern.Covers(allowed, Sso).Should().Be(expected);

    [Fact]
    public void A_literal_principal_is_covered_when_it_matches() =>
        ArnPattern.Covers("arn:aws:iam::222222222222:role/resp*", "arn:aws:iam::222222222222:role/responder").Should().BeTrue();
}
