using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class PatternMatchingTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("iam:Get*", "iam:GetRole", true)]
    [InlineData("iam:Get*", "iam:ListRoles", false)]
    [InlineData("iam:?etRole", "iam:GetRole", true)]
    [InlineData("iam:?etRole", "iam:etRole", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void Wildcards_match_like_IAM(string pattern, string value, bool expected)
    {
        WildcardPattern.IsMatch(pattern, value, ignoreCase: false).Should().Be(expected);
    }

    [Fact]
    public void Case_is_ignored_only_when_asked()
    {
        WildcardPattern.IsMatch("IAM:getrole", "iam:GetRole", ignoreCase: true).Should().BeTrue();
        WildcardPattern.IsMatch("IAM:getrole", "iam:GetRole", ignoreCase: false).Should().BeFalse();
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/path/name", true)]
    [InlineData("arn:aws:iam::*:role/name", "arn:aws:iam::111122223333:role/name", true)]
    [InlineData("arn:*:iam::111122223333:root", "arn:aws-cn:iam::111122223333:root", true)]
    [InlineData("arn:aws:iam::111122223333:*", "arn:aws:iam::111122223333:role/a:b", true)]
    [InlineData("arn:aws:iam::1111222233*", "arn:aws:iam::111122223333:root", false)]
    [InlineData("arn:aws:logs:*:*:log-group:/aws/*", "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/x:log-stream:y", true)]
    [InlineData("arn:aws:iam::111122223333:role/Name", "arn:aws:iam::111122223333:role/name", false)]
    public void ARN_patterns_match_each_part_on_its_own(string pattern, string arn, bool expected)
    {
        ArnPattern.IsMatch(pattern, arn).Should().Be(expected);
    }

    [Theory]
    [InlineData("2026-11-29T10:00:00Z", 1795946400)]
    [InlineData("2026-11-29T10:00:00.250Z", 1795946400)]
    [InlineData("2026-11-29T12:00:00+02:00", 1795946400)]
    [InlineData("2026-11-29T10:00Z", 1795946400)]
    [InlineData("2026-11-29T10:00:00", 1795946400)]
    [InlineData("20261129T100000Z", 1795946400)]
    [InlineData("2026-11-29", 1795910400)]
    [InlineData("1795946400", 1795946400)]
    public void Dates_are_ISO_8601_or_epoch_seconds(string text, long epochSeconds)
    {
        PolicyDate.TryParse(text, out var value).Should().BeTrue();
        value.ToUnixTimeSeconds().Should().Be(epochSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("-5")]
    public void Other_date_text_is_not_a_date(string text)
    {
        PolicyDate.TryParse(text, out _).Should().BeFalse();
    }
}
