using IrOperator.Iam.Policies;

namespace IrOperator.Tests.Iam;

public class CanonicalJsonTests
{
    [Fact]
    public void Writes_members_in_iams_order_without_white_space()
    {
        var document = PolicyDocument.Parse("""
            { "Statement": [ { "Condition": { "StringEquals": { "aws:b": "2", "aws:a": ["1", "0"] }, "Bool": { "aws:SecureTransport": true } },
                               "Resource": "*", "Action": ["s3:GetObject"], "Effect": "Allow", "Sid": "Read" } ],
              "Version": "2012-10-17" }
            """);

        document.ToJson().Should().Be(
            """{"Version":"2012-10-17","Statement":{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:a":["1","0"],"aws:b":"2"}}}}""");
    }

    [Fact]
    public void Keeps_statements_and_list_values_in_the_order_given()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Allow","Action":["z:Z","a:A"],"Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"}]}""";
        PolicyDocument.Parse(json).ToJson().Should().Be(json);
    }

    [Fact]
    public void Writes_characters_as_they_are_so_sizes_count_what_iam_sees()
    {
        var json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a+b<c>&'d'/é"}}""";
        PolicyDocument.Parse(json).ToJson().Should().Be(json);
    }

    [Fact]
    public void Reparsing_the_canonical_form_gives_the_same_document_and_the_same_text()
    {
        var document = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"Null":{"sts:SourceIdentity":"false"}}}]}""");
        var again = PolicyDocument.Parse(document.ToJson());
        again.Should().Be(document);
        again.ToJson().Should().Be(document.ToJson());
    }
}
