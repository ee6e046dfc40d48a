using IrOperator.Iam.Policies;

namespace IrOperator.Tests.Iam;

public class PolicyParsingTests
{
    [Fact]
    public void Reads_every_element_of_a_statement()
    {
        var document = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Id":"p1","Statement":[{"Sid":"A1","Effect":"Deny","Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/x"]},
             "NotAction":"s3:*","NotResource":["arn:aws:s3:::b"],"Condition":{"StringEqualsIfExists":{"aws:SourceIdentity":["alice","bob"]},"Bool":{"aws:SecureTransport":false}}}]}
            """);

        document.Version.Should().Be("2012-10-17");
        document.Id.Should().Be("p1");
        var statement = document.Statements.Should().ContainSingle().Subject;
        statement.Sid.Should().Be("A1");
        statement.Effect.Should().Be(PolicyEffect.Deny);
        statement.Principal!.ValuesOf("AWS").Should().Equal("111122223333", "arn:aws:iam::111122223333:role/x");
        statement.NotAction.Should().Equal("s3:*");
        statement.Action.Should().BeNull();
        statement.NotResource.Should().Equal("arn:aws:s3:::b");
        statement.Condition.Should().BeEquivalentTo(new[]
        {
            new PolicyCondition("StringEqualsIfExists", "aws:SourceIdentity", ["alice", "bob"]),
            new PolicyCondition("Bool", "aws:SecureTransport", "false"),
        });
    }

    [Fact]
    public void A_missing_version_is_2008_as_in_iam() =>
        PolicyDocument.Parse("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""").Version.Should().Be("2008-10-17");

    [Fact]
    public void A_single_statement_object_is_a_one_statement_list() =>
        PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""").Statements.Should().HaveCount(1);

    public static TheoryData<string, string, string> Refused => new()
    {
        { """not json""", "", "is not valid JSON*" },
        { """[]""", "", "must be a JSON object" },
        { """{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "Version", "must be 2012-10-17 or 2008-10-17*" },
        { """{"Version":"2012-10-17"}""", "Statement", "is required" },
        { """{"Version":"2012-10-17","Statement":[]}""", "Statement", "must hold at least one statement" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"allow","Action":"*","Resource":"*"}]}""", "Statement[1].Effect", "must be Allow or Deny" },
        { """{"Version":"2012-10-17","Statement":[{"Action":"*","Resource":"*"}]}""", "Statement[0].Effect", "is required (Allow or Deny)" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}""", "Statement[0].Action", "is required (or NotAction)" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}]}""", "Statement[0].NotAction", "cannot be used together with Action" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}]}""", "Statement[0].NotResource", "cannot be used together with Resource" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","GetObject"],"Resource":"*"}]}""", "Statement[0].Action[1]", "\"GetObject\" must be \"*\" or service:action*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get:Object","Resource":"*"}]}""", "Statement[0].Action", "*service:action*" },
        { """{"Version":"2012-10-17","Statement":[{"Sid":"a-b","Effect":"Allow","Action":"*","Resource":"*"}]}""", "Statement[0].Sid", "\"a-b\" must be alphanumeric*" },
        { """{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"}]}""", "Statement[1].Sid", "*also the Sid of Statement[0]*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqual":{"aws:x":"1"}}}]}""", "Statement[0].Condition.StringEqual", "is not an IAM condition operator" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"aws:x":"true"}}}]}""", "Statement[0].Condition.NullIfExists", "is not an IAM condition operator" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"SourceIp":"1"}}}]}""", "Statement[0].Condition.StringEquals.SourceIp", "*service prefix*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}]}""", "Statement[0].Condition.DateLessThan.aws:CurrentTime", "\"tomorrow\" is not a date*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"11/29/2026"}}}]}""", "Statement[0].Condition.DateLessThan.aws:CurrentTime", "\"11/29/2026\" is not a date*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:x":{"a":1}}}}]}""", "Statement[0].Condition.StringEquals.aws:x", "must be a string, a number*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Extra":1}]}""", "Statement[0].Extra", "is not a policy element here*" },
        { """{"Version":"2012-10-17","Statement":[{"effect":"Allow","Action":"*","Resource":"*"}]}""", "Statement[0].effect", "element names are case-sensitive: write Effect" },
        { """{"Version":"2012-10-17","Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "Version", "appears more than once" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"sts:AssumeRole"}]}""", "Statement[0].Principal.AWS", "*without wildcards" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Aws":"*"},"Action":"sts:AssumeRole"}]}""", "Statement[0].Principal.Aws", "is not a principal type*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"me","Action":"sts:AssumeRole"}]}""", "Statement[0].Principal", "must be \"*\" or an object*" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}""", "Statement[0].Action", "must not be empty" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_what_iam_refuses_naming_the_field(string json, string field, string message)
    {
        var error = FluentActions.Invoking(() => PolicyDocument.Parse(json)).Should().Throw<PolicyFormatException>().Which.Error;
        error.Field.Should().Be(field);
        error.Message.Should().Match(message);
        PolicyDocument.TryParse(json, out var document, out var tried).Should().BeFalse();
        document.Should().BeNull();
        tried.Should().Be(error);
    }

    public static TheoryData<string> RefusedDocuments()
    {
        var documents = new TheoryData<string>();
        foreach (var row in Refused)
        {
            documents.Add((string)row[0]);
        }

        return documents;
    }

    [Theory]
    [MemberData(nameof(RefusedDocuments))]
    public void The_aws_emulator_refuses_the_same_documents(string json)
    {
        var refused = false;
        try
        {
            var parsed = IrOperator.Sandbox.Aws.Policy.PolicyDocument.Parse(json);
            _ = parsed.Statements.Any(s => s.Principal is not null || s.NotPrincipal is not null)
                ? parsed.ValidateAsTrustPolicy()
                : parsed.ValidateAsIdentityPolicy();
        }
        catch (IrOperator.Sandbox.Aws.Policy.MalformedPolicyException)
        {
            refused = true;
        }

        refused.Should().BeTrue(json);
    }

    [Theory]
    [InlineData("ForAnyValue:StringLike")]
    [InlineData("ForAllValues:StringEqualsIgnoreCase")]
    [InlineData("StringNotLikeIfExists")]
    [InlineData("ForAnyValue:ArnLikeIfExists")]
    [InlineData("Null")]
    [InlineData("IpAddress")]
    [InlineData("NumericLessThanEquals")]
    public void Accepts_the_qualifiers_and_suffixes_of_condition_operators(string op) =>
        PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"OP":{"aws:x":"1"}}}]}""".Replace("OP", op, StringComparison.Ordinal))
            .Statements[0].Condition.Should().ContainSingle().Which.Operator.Should().Be(op);

    [Theory]
    [InlineData("2026-11-29T10:00:00Z")]
    [InlineData("2026-11-29T10:00:00.123Z")]
    [InlineData("2026-11-29T12:00:00+02:00")]
    [InlineData("2026-11-29")]
    [InlineData("1795000000")]
    [InlineData("${aws:TokenIssueTime}")]
    public void Accepts_dates_as_iam_does(string value) =>
        PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"VALUE"}}}]}""".Replace("VALUE", value, StringComparison.Ordinal))
            .Statements[0].Condition[0].Values.Should().Equal(value);

    [Fact]
    public void Reads_a_policy_given_as_a_json_object()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");
        PolicyDocument.Parse(node).Statements[0].Action.Should().Equal("s3:GetObject");
        FluentActions.Invoking(() => PolicyDocument.Parse(System.Text.Json.Nodes.JsonValue.Create("x"))).Should().Throw<PolicyFormatException>();
    }
}
