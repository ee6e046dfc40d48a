using System.Text.Json.Nodes;
using IrOperator.Iam.Policies;

namespace IrOperator.Tests.Iam;

public class PolicyValidatorTests
{
    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}]}""",
        "spec.inlinePolicies.audit.Statement[1].Principal: an identity policy names no principal (the role is the principal)")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""",
        "spec.inlinePolicies.audit.Statement[0].Resource: is required (or NotResource)")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["*","bucket"]}]}""",
        "spec.inlinePolicies.audit.Statement[0].Resource[1]: \"bucket\" must be \"*\" or an ARN (arn:partition:service:region:account:resource)")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:bucket"}]}""",
        "spec.inlinePolicies.audit.Statement[0].Resource: \"arn:aws:s3:bucket\" must be \"*\" or an ARN (arn:partition:service:region:account:resource)")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}]}""",
        "spec.inlinePolicies.audit.Statement[0].Effect: must be Allow or Deny")]
    public void Identity_policy_errors_name_the_statement_and_field(string json, string error)
    {
        var errors = PolicyValidator.ValidateIdentityPolicy(JsonNode.Parse(json), "spec.inlinePolicies.audit", out _);
        errors.Select(e => e.ToString()).Should().Equal(error);
    }

    [Fact]
    public void Reports_every_error_of_a_parsed_document()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""";
        PolicyValidator.ValidateIdentityPolicy(JsonNode.Parse(json), "p", out var document).Select(e => e.Field)
            .Should().Equal("p.Statement[0].Resource", "p.Statement[1].Principal");
        document.Should().NotBeNull();
    }

    [Fact]
    public void A_valid_identity_policy_has_no_errors_and_comes_back_parsed()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject"],"NotResource":"arn:aws:s3:::secret/*"}]}""";
        PolicyValidator.ValidateIdentityPolicy(JsonNode.Parse(json), "p", out var document).Should().BeEmpty();
        document!.Statements[0].Sid.Should().Be("Read");
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}""", "Statement[0].Principal: is required in a trust policy")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Resource":"*"}}""", "Statement[0].Resource: a trust policy names no resource")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject"}}""", "Statement[0].Action: \"s3:GetObject\" is not an action a trust policy may name*")]
    public void Trust_policy_errors_name_the_statement_and_field(string json, string error) =>
        PolicyValidator.ValidateTrustPolicy(PolicyDocument.Parse(json)).Should().ContainSingle().Which.ToString().Should().Match(error);
}
