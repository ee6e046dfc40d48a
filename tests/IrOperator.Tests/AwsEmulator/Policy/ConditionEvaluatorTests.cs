using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

public sealed class ConditionEvaluatorTests
{
    private const string Key = "test:Key";
    private static readonly CallerIdentity Caller = CallerIdentity.Root("111122223333");

    // requestValues null: the key is not in the request at all.
    [Theory]
    // String operators, OR over policy values, NOR for negated ones.
    [InlineData("StringEquals", new[] { "alice" }, new[] { "alice" }, true)]
    [InlineData("StringEquals", new[] { "alice" }, new[] { "Alice" }, false)]
    [InlineData("StringEquals", new[] { "bob", "alice" }, new[] { "alice" }, true)]
    [InlineData("StringNotEquals", new[] { "bob", "alice" }, new[] { "alice" }, false)]
    [InlineData("StringNotEquals", new[] { "bob", "carol" }, new[] { "alice" }, true)]
    [InlineData("StringEqualsIgnoreCase", new[] { "ALICE" }, new[] { "alice" }, true)]
    [InlineData("StringNotEqualsIgnoreCase", new[] { "ALICE" }, new[] { "alice" }, false)]
    [InlineData("StringLike", new[] { "ali*" }, new[] { "alice" }, true)]
    [InlineData("StringLike", new[] { "al?ce" }, new[] { "alice" }, true)]
    [InlineData("StringLike", new[] { "Ali*" }, new[] { "alice" }, false)]
    [InlineData("StringNotLike", new[] { "ali*" }, new[] { "alice" }, false)]
    // A missing key: positive operators false, negated true, IfExists true.
    [InlineData("StringEquals", new[] { "alice" }, null, false)]
    [InlineData("StringNotEquals", new[] { "alice" }, null, true)]
    [InlineData("StringLikeIfExists", new[] { "ali*" }, null, true)]
    [InlineData("StringLikeIfExists", new[] { "ali*" }, new[] { "bob" }, false)]
    [InlineData("ArnNotLike", new[] { "arn:aws:iam::*:role/x" }, null, true)]
    [InlineData("DateLessThan", new[] { "2026-01-01T00:00:00Z" }, null, false)]
    [InlineData("NumericNotEquals", new[] { "3" }, null, true)]
    // ARN operators: per-part wildcards, case-sensitive; ArnEquals behaves as ArnLike.
    [InlineData("ArnLike", new[] { "arn:aws:iam::444455556666:role/*" }, new[] { "arn:aws:iam::444455556666:role/a/b" }, true)]
    [InlineData("ArnEquals", new[] { "arn:aws:iam::*:role/r" }, new[] { "arn:aws:iam::444455556666:role/r" }, true)]
    [InlineData("ArnLike", new[] { "arn:aws:iam::*" }, new[] { "arn:aws:iam::444455556666:role/r" }, false)]
    [InlineData("ArnLike", new[] { "arn:aws:iam::444455556666:role/R" }, new[] { "arn:aws:iam::444455556666:role/r" }, false)]
    [InlineData("ArnLike", new[] { "arn:aws:*" }, new[] { "arn:aws:iam::444455556666:role/r" }, false)]
    [InlineData("ArnLike", new[] { "*" }, new[] { "not-an-arn" }, true)]
    [InlineData("ArnLike", new[] { "arn:aws:iam::*:*" }, new[] { "not-an-arn" }, false)]
    [InlineData("ArnNotEquals", new[] { "arn:aws:iam::444455556666:role/r" }, new[] { "arn:aws:iam::444455556666:role/q" }, true)]
    // Dates: ISO 8601 and epoch seconds on either side.
    [InlineData("DateGreaterThan", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T10:00:01Z" }, true)]
    [InlineData("DateGreaterThan", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T10:00:00Z" }, false)]
    [InlineData("DateGreaterThanEquals", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T10:00:00Z" }, true)]
    [InlineData("DateGreaterThanEquals", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T09:59:59Z" }, false)]
    [InlineData("DateGreaterThanEquals", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T10:00:01Z" }, true)]
    [InlineData("DateLessThan", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T10:00:00Z" }, false)]
    [InlineData("DateLessThanEquals", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T10:00:00Z" }, true)]
    [InlineData("DateLessThanEquals", new[] { "2026-11-29T10:00:00Z" }, new[] { "2026-11-29T10:00:01Z" }, false)]
    [InlineData("DateLessThan", new[] { "1795946400" }, new[] { "2026-11-29T09:59:59Z" }, true)]
    [InlineData("DateLessThanEquals", new[] { "2026-11-29T12:00:00+02:00" }, new[] { "2026-11-29T10:00:00Z" }, true)]
    [InlineData("DateEquals", new[] { "2026-11-29" }, new[] { "2026-11-29T00:00:00Z" }, true)]
    [InlineData("DateNotEquals", new[] { "2026-11-29" }, new[] { "2026-11-29T00:00:00Z" }, false)]
    [InlineData("DateLessThan", new[] { "2026-11-29T10:00:00Z" }, new[] { "garbage" }, false)]
    // Numbers.
    [InlineData("NumericEquals", new[] { "10" }, new[] { "10.0" }, true)]
    [InlineData("NumericLessThan", new[] { "10" }, new[] { "9" }, true)]
    [InlineData("NumericLessThanEquals", new[] { "10" }, new[] { "10" }, true)]
    [InlineData("NumericGreaterThan", new[] { "10" }, new[] { "10" }, false)]
    [InlineData("NumericGreaterThanEquals", new[] { "10" }, new[] { "11" }, true)]
    [InlineData("NumericNotEquals", new[] { "10" }, new[] { "11" }, true)]
    [InlineData("NumericEquals", new[] { "10" }, new[] { "ten" }, false)]
    // Bool, with the MFA pitfall: long-term keys carry no aws:MultiFactorAuthPresent.
    [InlineData("Bool", new[] { "true" }, new[] { "TRUE" }, true)]
    [InlineData("Bool", new[] { "true" }, new[] { "false" }, false)]
    [InlineData("Bool", new[] { "false" }, null, false)]
    [InlineData("BoolIfExists", new[] { "false" }, null, true)]
    [InlineData("BoolIfExists", new[] { "false" }, new[] { "true" }, false)]
    // Null tests presence.
    [InlineData("Null", new[] { "true" }, null, true)]
    [InlineData("Null", new[] { "true" }, new[] { "x" }, false)]
    [InlineData("Null", new[] { "false" }, new[] { "x" }, true)]
    [InlineData("Null", new[] { "false" }, null, false)]
    // Binary and IP addresses.
    [InlineData("BinaryEquals", new[] { "QmluYXJ5" }, new[] { "QmluYXJ5" }, true)]
    [InlineData("IpAddress", new[] { "203.0.113.0/24" }, new[] { "203.0.113.7" }, true)]
    [InlineData("IpAddress", new[] { "203.0.113.0/24" }, new[] { "198.51.100.7" }, false)]
    [InlineData("IpAddress", new[] { "203.0.113.9/24" }, new[] { "203.0.113.7" }, true)]
    [InlineData("IpAddress", new[] { "203.0.113.7" }, new[] { "203.0.113.7" }, true)]
    [InlineData("IpAddress", new[] { "203.0.113.0/23" }, new[] { "203.0.112.255" }, true)]
    [InlineData("IpAddress", new[] { "203.0.113.0/24" }, new[] { "203.0.112.255" }, false)]
    [InlineData("IpAddress", new[] { "0.0.0.0/0" }, new[] { "2001:db8::1" }, false)]
    [InlineData("NotIpAddress", new[] { "203.0.113.0/24", "2001:db8::/32" }, new[] { "2001:db8::1" }, false)]
    // Set qualifiers on multi-valued keys.
    [InlineData("ForAnyValue:StringEquals", new[] { "a", "b" }, new[] { "x", "b" }, true)]
    [InlineData("ForAnyValue:StringEquals", new[] { "a", "b" }, new[] { "x", "y" }, false)]
    [InlineData("ForAnyValue:StringEquals", new[] { "a" }, null, false)]
    [InlineData("ForAnyValue:StringEquals", new[] { "a" }, new string[0], false)]
    [InlineData("ForAllValues:StringEquals", new[] { "a", "b" }, new[] { "a", "b" }, true)]
    [InlineData("ForAllValues:StringEquals", new[] { "a", "b" }, new[] { "a", "x" }, false)]
    [InlineData("ForAllValues:StringEquals", new[] { "a" }, null, true)]
    [InlineData("ForAllValues:StringEquals", new[] { "a" }, new string[0], true)]
    [InlineData("ForAnyValue:StringNotEquals", new[] { "a" }, new[] { "a", "x" }, true)]
    [InlineData("ForAllValues:StringNotEquals", new[] { "a" }, new[] { "a", "x" }, false)]
    [InlineData("ForAllValues:StringNotEquals", new[] { "a" }, new[] { "y", "x" }, true)]
    [InlineData("ForAnyValue:StringLikeIfExists", new[] { "a*" }, null, true)]
    // Without a qualifier a positive operator is satisfied by any request value.
    [InlineData("StringEquals", new[] { "a" }, new[] { "x", "a" }, true)]
    [InlineData("StringNotEquals", new[] { "a" }, new[] { "x", "a" }, false)]
    public void Condition_operator_follows_IAM(string op, string[] policyValues, string[]? requestValues, bool expected)
    {
        var context = RequestContext.Create(Caller, "s3:GetObject", "*", DateTimeOffset.UnixEpoch).Without(ContextKeys.PrincipalArn);
        if (requestValues is not null)
        {
            context = context.With(Key, requestValues);
        }

        var clause = new ConditionClause(ConditionOperator.Parse(op), Key, policyValues);

        ConditionEvaluator.Evaluate(clause, context).Should().Be(expected);
    }

    [Fact]
    public void Condition_keys_are_case_insensitive()
    {
        var context = RequestContext.Create(Caller, "s3:GetObject", "*", DateTimeOffset.UnixEpoch).With("AWS:SOURCEIDENTITY", "alice");
        var clause = new ConditionClause(ConditionOperator.Parse("StringEquals"), "aws:SourceIdentity", ["alice"]);

        ConditionEvaluator.Evaluate(clause, context).Should().BeTrue();
    }

    [Fact]
    public void Several_operators_and_keys_in_one_statement_must_all_hold()
    {
        var policy = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{
              "StringEquals":{"test:a":"1","test:b":"2"},
              "Bool":{"test:c":"true"}}}}
            """).ValidateAsIdentityPolicy();
        var all = RequestContext.Create(Caller, "s3:GetObject", "*", DateTimeOffset.UnixEpoch)
            .With("test:a", "1").With("test:b", "2").With("test:c", "true");

        PolicyEvaluator.EvaluateIdentity([policy], all).IsAllowed.Should().BeTrue();
        PolicyEvaluator.EvaluateIdentity([policy], all.With("test:b", "3")).IsAllowed.Should().BeFalse();
        PolicyEvaluator.EvaluateIdentity([policy], all.With("test:c", "false")).IsAllowed.Should().BeFalse();
    }
}
