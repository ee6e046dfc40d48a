using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class PolicyParsingTests
{
    public static TheoryData<string, string> MalformedDocuments => new()
    {
        { """{"Version":"2012-10-17","Statement":[""", PolicyMessages.SyntaxErrors },
        { """["not","an","object"]""", PolicyMessages.SyntaxErrors },
        { """{"Version":"2012-10-17"}""", PolicyMessages.SyntaxErrors },
        { """{"Version":"2012-10-17","Statement":[]}""", PolicyMessages.SyntaxErrors },
        { """{"Version":"2012-10-17","Statement":"x"}""", PolicyMessages.SyntaxErrors },
        { """{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""", PolicyMessages.SyntaxErrors },
        { """{"Version":"2012-10-17","Extra":1,"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Colour":"red"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Action":"s3:*","Resource":"*"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Permit","Action":"s3:*","Resource":"*"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}""", PolicyMessages.LegacyParsing },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"s3:Get*","Resource":"*"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","NotResource":"*"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":["s3:*",1],"Resource":"*"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Resource":"*"}}""", PolicyMessages.MissingActions },
        { """{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}""", PolicyMessages.MissingActions },
        { """{"Statement":{"Effect":"Allow","Principal":{"AWS":[]},"Action":"sts:AssumeRole"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Principal":{},"Action":"sts:AssumeRole"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Effect":"Deny"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"} /* comment */}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}""", PolicyMessages.ActionWithoutVendor },
        { """{"Statement":{"Effect":"Allow","Action":"s3:Get:Object","Resource":"*"}}""", PolicyMessages.ActionWithTwoColons },
        { """{"Statement":{"Effect":"Allow","Action":"s_3:GetObject","Resource":"*"}}""", PolicyMessages.InvalidVendor("s_3") },
        { """{"Statement":{"Sid":"grant-1","Effect":"Allow","Action":"s3:*","Resource":"*"}}""", PolicyMessages.SidNotAlphanumeric },
        { """{"Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}""", PolicyMessages.SidNotUnique },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"a"}}}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"aws:username":"true"}}}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":"aws:username"}}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"username":"a"}}}}""", PolicyMessages.ActionWithoutVendor },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":{"a":1}}}}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}}""", PolicyMessages.LegacyParsing },
        { """{"Statement":{"Effect":"Allow","Principal":"AWS","Action":"sts:AssumeRole"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Principal":{"Aws":"111122223333"},"Action":"sts:AssumeRole"}}""", PolicyMessages.SyntaxErrors },
        { """{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"sts:AssumeRole"}}""", PolicyMessages.InvalidPrincipal("AWS", "arn:aws:iam::111122223333:role/*") },
        { """{"Statement":{"Effect":"Allow","Principal":{"AWS":"alice"},"Action":"sts:AssumeRole"}}""", PolicyMessages.InvalidPrincipal("AWS", "alice") },
        { """{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1111:root"},"Action":"sts:AssumeRole"}}""", PolicyMessages.InvalidPrincipal("AWS", "arn:aws:iam::1111:root") },
        { """{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws-mars:iam::111122223333:root"},"Action":"sts:AssumeRole"}}""", PolicyMessages.InvalidPrincipal("AWS", "arn:aws-mars:iam::111122223333:root") },
        { """{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:s3:::bucket"},"Action":"sts:AssumeRole"}}""", PolicyMessages.InvalidPrincipal("AWS", "arn:aws:s3:::bucket") },
    };

    [Theory]
    [MemberData(nameof(MalformedDocuments))]
    public void Malformed_document_is_refused_with_IAMs_message(string json, string message)
    {
        var parse = () => PolicyDocument.Parse(json);

        parse.Should().Throw<MalformedPolicyException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Statement_as_object_and_string_elements_parse_like_arrays()
    {
        var document = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Id":"p1","Statement":{"Sid":"S1","Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:iam::*:role/x"}}
            """);

        document.Version.Should().Be("2012-10-17");
        document.Id.Should().Be("p1");
        var statement = document.Statements.Should().ContainSingle().Subject;
        statement.Should().BeEquivalentTo(new PolicyStatement(
            "S1", PolicyEffect.Deny, null, null, null, ["iam:*"], null, ["arn:aws:iam::*:role/x"], []));
    }

    [Fact]
    public void Missing_version_is_the_2008_language_without_policy_variables()
    {
        var document = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

        document.Version.Should().Be("2008-10-17");
        document.SupportsVariables.Should().BeFalse();
    }

    [Fact]
    public void Principal_forms_parse_by_type()
    {
        var document = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
              {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws-us-gov:iam::111122223333:role/a/b","arn:aws-cn:sts::111122223333:assumed-role/r/s"]},"Action":"sts:AssumeRole"},
              {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com","Federated":"arn:aws:iam::111122223333:oidc-provider/example.com"},"Action":"sts:AssumeRoleWithWebIdentity"},
              {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}
            """);

        document.Statements[0].Principal!.IsAnyone.Should().BeTrue();
        document.Statements[1].Principal!.ValuesOf("AWS").Should().HaveCount(3);
        document.Statements[2].Principal!.ValuesOf("Service").Should().Equal("ec2.amazonaws.com");
        document.Statements[2].Principal!.ValuesOf("Federated").Should().Equal("arn:aws:iam::111122223333:oidc-provider/example.com");
        document.Statements[3].NotPrincipal!.ValuesOf("AWS").Should().Equal("arn:aws:iam::111122223333:user/alice");
    }

    [Fact]
    public void Condition_values_keep_booleans_and_numbers_as_text_and_operators_are_parsed()
    {
        var document = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{
              "Bool":{"aws:SecureTransport":false},
              "NumericLessThan":{"s3:max-keys":[10,"20.5"]},
              "ForAllValues:StringLikeIfExists":{"aws:TagKeys":["team*","env"]}}}}
            """);

        var conditions = document.Statements[0].Conditions;
        conditions.Select(c => (c.Key, string.Join(",", c.Values))).Should().Equal(
            ("aws:SecureTransport", "false"), ("s3:max-keys", "10,20.5"), ("aws:TagKeys", "team*,env"));
        conditions[2].Operator.Should().Be(new ConditionOperator(
            "ForAllValues:StringLikeIfExists", ConditionCategory.String, ConditionComparison.Like, Negated: false, IfExists: true, ConditionSetQualifier.ForAllValues));
    }

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("StringNotEqualsIgnoreCase")]
    [InlineData("ArnNotLikeIfExists")]
    [InlineData("ForAnyValue:ArnEquals")]
    [InlineData("DateGreaterThanEqualsIfExists")]
    [InlineData("NumericGreaterThanEquals")]
    [InlineData("BoolIfExists")]
    [InlineData("BinaryEquals")]
    [InlineData("NotIpAddress")]
    [InlineData("Null")]
    public void Every_IAM_operator_name_is_accepted(string name)
    {
        ConditionOperator.Parse(name).Name.Should().Be(name);
    }
}
