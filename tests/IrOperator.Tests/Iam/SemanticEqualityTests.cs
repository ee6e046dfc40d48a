using IrOperator.Iam.Policies;

namespace IrOperator.Tests.Iam;

public class SemanticEqualityTests
{
    public static TheoryData<string, string, string> EqualPairs => new()
    {
        {
            "a single string equals a one-element array",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}"""
        },
        {
            "statement order does not matter",
            """{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"B","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Deny","Action":"s3:PutObject","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""
        },
        {
            "action and resource order do not matter",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a:B","c:D"],"Resource":["arn:aws:s3:::x","arn:aws:s3:::y"]}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["c:D","a:B"],"Resource":["arn:aws:s3:::y","arn:aws:s3:::x"]}]}"""
        },
        {
            "action names are case-insensitive",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"EC2:DescribeInstances","Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:describeinstances","Resource":"*"}]}"""
        },
        {
            "condition value order does not matter, nor operator and key order",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:a":["1","2"],"aws:b":"x"},"Bool":{"aws:SecureTransport":"true"}}}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true},"StringEquals":{"aws:b":["x"],"aws:a":["2","1"]}}}]}"""
        },
        {
            "condition keys are case-insensitive",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"alice"}}}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:sourceidentity":"alice"}}}]}"""
        },
        {
            "an account id equals the account's root ARN, as IAM stores it",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"sts:AssumeRole"}]}"""
        },
        {
            "principal order does not matter",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:root"]},"Action":"sts:AssumeRole"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:root","arn:aws:iam::111122223333:root"]},"Action":"sts:AssumeRole"}]}"""
        },
        {
            "duplicates do not matter",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObject"],"Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""
        },
        {
            "white space does not matter",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            "{ \"Version\" : \"2012-10-17\",\n  \"Statement\" : [ { \"Effect\" : \"Allow\", \"Action\" : \"s3:GetObject\", \"Resource\" : \"*\" } ] }"
        },
    };

    public static TheoryData<string, string, string> DifferentPairs => new()
    {
        {
            "Effect differs",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"""
        },
        {
            "resources are case-sensitive",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::Bucket"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket"}]}"""
        },
        {
            "condition values are case-sensitive",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"Alice"}}}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"alice"}}}]}"""
        },
        {
            "Sid differs",
            """{"Version":"2012-10-17","Statement":[{"Sid":"IrGrantaaaa","Effect":"Allow","Action":"*","Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Sid":"IrGrantbbbb","Effect":"Allow","Action":"*","Resource":"*"}]}"""
        },
        {
            "Version differs (policy variables only work in 2012-10-17)",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""",
            """{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""
        },
        {
            "a bare * principal is not {AWS:*}: some services tell them apart",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"""
        },
        {
            "Action is not NotAction",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:GetObject","Resource":"*"}]}"""
        },
        {
            "one more statement",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::x"}]}"""
        },
        {
            "condition operator differs",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:a":"1"}}}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:a":"1"}}}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(EqualPairs))]
    public void Documents_that_mean_the_same_are_equal(string because, string left, string right)
    {
        var a = PolicyDocument.Parse(left);
        var b = PolicyDocument.Parse(right);
        a.SemanticallyEquals(b).Should().BeTrue(because);
        (a == b).Should().BeTrue(because);
        a.GetHashCode().Should().Be(b.GetHashCode(), because);
        a.SemanticKey.Should().Be(b.SemanticKey, because);
    }

    [Theory]
    [MemberData(nameof(DifferentPairs))]
    public void Documents_that_differ_in_meaning_are_not_equal(string because, string left, string right)
    {
        var a = PolicyDocument.Parse(left);
        var b = PolicyDocument.Parse(right);
        a.SemanticallyEquals(b).Should().BeFalse(because);
        b.SemanticallyEquals(a).Should().BeFalse(because);
        (a == b).Should().BeFalse(because);
    }

    [Fact]
    public void Nothing_equals_null() => PolicyDocument.Parse("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""").SemanticallyEquals(null).Should().BeFalse();

    [Fact]
    public void Principals_and_conditions_compare_by_value()
    {
        PolicyPrincipal.AwsPrincipals("a", "b").Should().Be(PolicyPrincipal.AwsPrincipals(["a", "b"]));
        PolicyPrincipal.AwsPrincipals("a", "b").Should().NotBe(PolicyPrincipal.AwsPrincipals("b", "a"));
        PolicyPrincipal.Wildcard.Should().NotBe(PolicyPrincipal.AwsPrincipals("*"));
        new PolicyCondition("Bool", "aws:x", ["true"]).Should().Be(new PolicyCondition("Bool", "aws:x", "true"));
        new PolicyCondition("Bool", "aws:x", "true").GetHashCode().Should().Be(new PolicyCondition("Bool", "aws:x", ["true"]).GetHashCode());
    }
}
