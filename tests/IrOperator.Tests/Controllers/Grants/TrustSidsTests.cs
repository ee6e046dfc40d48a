using IrOperator.Controllers.Grants;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class TrustSidsTests
{
    [Fact]
    public void Reads_the_sids_of_a_trust_policy_as_iam_returns_it()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Sid":"IrGrantabc","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""";
        TrustSids.Of(json).Should().BeEquivalentTo("IrGrantabc");
    }

    [Fact]
    public void An_unreadable_document_shows_no_statement() => TrustSids.Of("{not json").Should().BeEmpty();
}
