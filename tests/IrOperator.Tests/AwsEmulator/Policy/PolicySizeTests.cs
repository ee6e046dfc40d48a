using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class PolicySizeTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", 9)]
    [InlineData("{ \"a\" : \"b\" }", 9)]
    [InlineData("{\n\t\"a\":\r\n  \"b\"\n}", 9)]
    [InlineData("""{"a":"b c"}""", 10)]
    [InlineData("""{"a":"é😀"}""", 10)]
    [InlineData("", 0)]
    public void White_space_is_not_counted_anywhere(string json, int expected)
    {
        PolicySize.Count(json).Should().Be(expected);
    }

    [Fact]
    public void Pretty_and_compact_forms_of_a_grant_trust_policy_cost_the_same()
    {
        var pretty = GrantDocuments.TrustPolicy(GrantDocuments.Window);
        var compact = string.Concat(pretty.Where(c => !char.IsWhiteSpace(c)));

        PolicySize.Count(pretty).Should().Be(compact.Length).And.BeLessThan(PolicySize.TrustPolicyDefaultQuota);
    }

    [Fact]
    public void Only_a_handful_of_grant_statements_fit_the_default_trust_quota()
    {
        // One grant statement costs roughly 390 characters, so the 2,048 default holds five at most.
        var statement = GrantDocuments.TrustPolicy(GrantDocuments.Window);
        var perStatement = PolicySize.Count(statement);

        perStatement.Should().BeInRange(300, 500);
        (PolicySize.TrustPolicyDefaultQuota / perStatement).Should().BeLessThanOrEqualTo(6);
    }
}
