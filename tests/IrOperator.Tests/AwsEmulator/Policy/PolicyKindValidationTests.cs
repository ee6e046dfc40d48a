using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class PolicyKindValidationTests
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/incident-response/ir-forensics";

    public static TheoryData<string, string> BadTrustPolicies => new()
    {
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}""", PolicyMessages.MissingPrincipal },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Resource":"*"}}""", PolicyMessages.TrustWithResource },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject"}}""", PolicyMessages.TrustActions },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"NotAction":"sts:AssumeRole"}}""", PolicyMessages.TrustActions },
    };

    [Theory]
    [MemberData(nameof(BadTrustPolicies))]
    public void Trust_policy_rules_are_IAMs(string json, string message)
    {
        var validate = () => PolicyDocument.Parse(json).ValidateAsTrustPolicy();

        validate.Should().Throw<MalformedPolicyException>().Which.Message.Should().Be(message);
    }

    public static TheoryData<string, string> BadIdentityPolicies => new()
    {
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}""", PolicyMessages.IdentityWithPrincipal },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}}""", PolicyMessages.IdentityWithPrincipal },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}""", PolicyMessages.MissingResources },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":[]}}""", PolicyMessages.MissingResources },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"my-bucket"}}""", PolicyMessages.ResourceNotArn("my-bucket") },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:bucket"}}""", PolicyMessages.LegacyParsing },
    };

    [Theory]
    [MemberData(nameof(BadIdentityPolicies))]
    public void Identity_policy_rules_are_IAMs(string json, string message)
    {
        var validate = () => PolicyDocument.Parse(json).ValidateAsIdentityPolicy();

        validate.Should().Throw<MalformedPolicyException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Operator_grant_trust_statement_is_a_valid_trust_policy()
    {
        var trust = PolicyDocument.Parse(GrantDocuments.TrustPolicy(GrantDocuments.Window)).ValidateAsTrustPolicy();

        trust.Kind.Should().Be(PolicyKind.Trust);
        trust.Statements.Should().ContainSingle().Which.Actions.Should().Equal("sts:AssumeRole", "sts:SetSourceIdentity");
    }

    [Fact]
    public void Operator_end_of_access_deny_is_a_valid_identity_policy()
    {
        var deny = PolicyDocument.Parse(GrantDocuments.EndOfAccessDeny("alice", GrantDocuments.WindowEnd)).ValidateAsIdentityPolicy();

        deny.Kind.Should().Be(PolicyKind.Identity);
    }

    [Fact]
    public void Trust_policy_naming_a_role_that_does_not_exist_is_an_invalid_principal()
    {
        var json = $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["111122223333","{{{RoleArn}}}"]},"Action":"sts:AssumeRole"}}""";
        var asked = new List<string>();

        var validate = () => PolicyDocument.Parse(json).ValidateAsTrustPolicy(arn =>
        {
            asked.Add(arn);
            return false;
        });

        validate.Should().Throw<MalformedPolicyException>().Which.Message.Should().Be(PolicyMessages.InvalidPrincipal("AWS", RoleArn));
        asked.Should().Equal(RoleArn);
    }

    [Fact]
    public void Trust_policy_naming_an_existing_role_is_accepted()
    {
        var json = $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"{{{RoleArn}}}"},"Action":"sts:AssumeRole"}}""";

        PolicyDocument.Parse(json).ValidateAsTrustPolicy(arn => arn == RoleArn).Kind.Should().Be(PolicyKind.Trust);
    }
}
