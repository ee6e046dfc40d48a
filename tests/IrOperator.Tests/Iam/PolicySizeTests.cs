using IrOperator.Iam.Desired;
using IrOperator.Iam.Policies;
using IrOperator.Iam.Presets;
using IrOperator.Resources;
using EmulatorPolicySize = IrOperator.Sandbox.Aws.Policy.PolicySize;

namespace IrOperator.Tests.Iam;

public class PolicySizeTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>
        {
            """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""",
            """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a b/é😀"}}""",
            TrustPolicies.Build(new StandingTrust(["arn:aws:iam::444455556666:role/responder"]), []).ToJson(),
            TrustPolicies.Build(null, []).ToJson(),
            TrustPolicies.Build(null, [new GrantTrust("uid-1", "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*", "alice",
                DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse("2026-11-29T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture))]).ToJson(),
            EndOfAccessPolicy.Build([new EndOfAccess("alice", DateTimeOffset.UnixEpoch.AddDays(20000))])!.ToJson(),
        };
        // Every preset carries the analyst policy: each distinct document once (xunit skips duplicate cases).
        var presetDocuments = Enum.GetValues<RolePreset>()
            .SelectMany(preset => Presets.For(preset, new PresetOptions()).Values)
            .Select(document => document.ToJson())
            .Distinct(StringComparer.Ordinal);
        foreach (var document in presetDocuments)
        {
            data.Add(document);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Counts_as_the_aws_emulator_counts(string json)
    {
        PolicySize.Count(json).Should().Be(EmulatorPolicySize.Count(json));
        PolicyDocument.Parse(json).Size.Should().Be(EmulatorPolicySize.Count(json));
    }

    [Fact]
    public void White_space_is_not_counted_anywhere()
    {
        PolicySize.Count("""{"a": "b c"}""").Should().Be(10);
        PolicySize.Count("{\n\t\"a\":\"b\"\r\n}").Should().Be(9);
    }

    [Fact]
    public void Counts_characters_not_utf8_bytes() => PolicySize.Count("é😀").Should().Be(2);

    [Fact]
    public void The_size_of_a_document_is_the_size_of_what_is_sent()
    {
        var pretty = """
            { "Version": "2012-10-17",
              "Statement": [ { "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*" } ] }
            """;
        var document = PolicyDocument.Parse(pretty);
        document.Size.Should().Be(document.ToJson().Length);
        document.ToJson().Should().Be("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""");
    }

    [Fact]
    public void The_inline_aggregate_is_the_sum_of_the_documents()
    {
        var a = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""");
        var b = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}""");
        PolicySize.InlineAggregate([a, b]).Should().Be(a.ToJson().Length + b.ToJson().Length);
    }
}
