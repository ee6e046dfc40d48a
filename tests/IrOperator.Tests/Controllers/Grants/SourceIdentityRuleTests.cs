using IrOperator.Controllers.Grants;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class SourceIdentityRuleTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("oidc:alice@example.com", "alice@example.com")]
    [InlineData("alice.smith+ir=1,x_y-z", "alice.smith+ir=1,x_y-z")]
    [InlineData("ab", "ab")]
    [InlineData("Alice", "Alice")] // never lower-cased: two users must not become one identity
    public void Maps_valid_user_names(string requestedBy, string expected) =>
        SourceIdentityRule.Default.Map(requestedBy).Value.Should().Be(expected);

    [Theory]
    [InlineData("system:serviceaccount:ir:bot", "contains ':'")]
    [InlineData("a", "is 1 characters long")]
    [InlineData("oidc:a", "after stripping the prefix \"oidc:\"")]
    [InlineData("oidc:aws:alice", "starts with \"aws:\"")]
    [InlineData("AWS:alice", "starts with \"aws:\"")]
    [InlineData("rené", "contains 'é'")]
    [InlineData("alice smith", "contains ' '")]
    [InlineData("", "must name the requester")]
    public void Refuses_what_does_not_fit_naming_the_field(string requestedBy, string why)
    {
        var result = SourceIdentityRule.Default.Map(requestedBy);
        result.IsValid.Should().BeFalse();
        result.Error.Should().StartWith("spec.requestedBy: ").And.Contain(why);
    }

    [Fact]
    public void Refuses_more_than_64_characters()
    {
        var name = new string('a', 65);
        SourceIdentityRule.Default.Map(name).Error.Should().Contain("is 65 characters long");
        SourceIdentityRule.Default.Map(name[..64]).Value.Should().Be(name[..64]);
    }

    [Fact]
    public void Strips_the_longest_configured_prefix_only_once()
    {
        var rule = new SourceIdentityRule(["oidc:", "oidc:corp:"]);
        rule.Map("oidc:corp:alice").Value.Should().Be("alice");
        rule.Map("oidc:oidc:alice").IsValid.Should().BeFalse("only one prefix is stripped");
    }

    [Fact]
    public void Without_prefixes_a_prefixed_name_is_refused()
    {
        new SourceIdentityRule([]).Map("oidc:alice").Error.Should().Contain("contains ':'");
    }

    [Fact]
    public void An_empty_prefix_is_a_configuration_error() =>
        FluentActions.Invoking(() => new SourceIdentityRule([""])).Should().Throw<ArgumentException>();
}
