using System.Collections.Immutable;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>Eventual consistency as readers see it: the newest version at least the delay old.</summary>
public sealed class RoleHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, "v1")]
    [InlineData(0, 5, "v2")]
    [InlineData(5, 9, "v1")]
    [InlineData(5, 10, "v2")]
    [InlineData(15, 14, null)]
    [InlineData(15, 25, "v2")]
    public void A_reader_sees_the_newest_version_at_least_the_delay_old(int delaySeconds, int readAtSeconds, string? expected)
    {
        var history = new RoleHistory();
        history.Write(T0, Role("v1"));
        history.Write(T0.AddSeconds(5), Role("v2"));

        var visible = history.VisibleAt(T0.AddSeconds(readAtSeconds), TimeSpan.FromSeconds(delaySeconds));

        visible?.Description.Should().Be(expected);
        (visible is null).Should().Be(expected is null);
        history.Latest!.Description.Should().Be("v2", "writers always build on the latest version");
    }

    [Fact]
    public void A_deleted_role_stays_visible_until_the_delay_has_passed()
    {
        var history = new RoleHistory();
        history.Write(T0, Role("v1"));
        history.Write(T0.AddSeconds(10), null);

        history.VisibleAt(T0.AddSeconds(12), TimeSpan.FromSeconds(5)).Should().NotBeNull();
        history.VisibleAt(T0.AddSeconds(15), TimeSpan.FromSeconds(5)).Should().BeNull();
    }

    private static IamRole Role(string description)
    {
        const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}""";
        return new IamRole(
            "111111111111", "r", "/", "AROAEXAMPLE", T0, Trust, PolicyDocument.Parse(Trust).ValidateAsTrustPolicy(), description, 3600, null,
            [], ImmutableSortedDictionary<string, InlinePolicy>.Empty, []);
    }
}
