using IrOperator.Kube;

namespace IrOperator.Tests.Runtime;

public sealed class ExponentialBackoffTests
{
    private static readonly ObjectKey Key = new(null, "k");

    [Theory]
    [InlineData(0.0, new[] { 0.5, 1.0, 2.0, 4.0, 5.0, 5.0 })]
    [InlineData(0.999999, new[] { 1.0, 2.0, 4.0, 8.0, 10.0, 10.0 })]
    public void Delay_doubles_per_failure_up_to_the_cap_within_the_jitter_band(double random, double[] expectedSeconds)
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), () => random);

        var delays = expectedSeconds.Select(_ => backoff.NextDelay(Key).TotalSeconds).ToArray();

        delays.Should().BeEquivalentTo(expectedSeconds, o => o.WithStrictOrdering().Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 0.0001)).WhenTypeIs<double>());
    }

    [Fact]
    public void Keys_back_off_independently()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0);
        backoff.NextDelay(Key);
        backoff.NextDelay(Key);

        backoff.NextDelay(new ObjectKey(null, "other")).Should().Be(TimeSpan.FromSeconds(0.5));
        backoff.Failures(Key).Should().Be(2);
    }

    [Fact]
    public void Many_failures_do_not_overflow_past_the_cap()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), () => 0.999999);
        var last = TimeSpan.Zero;
        for (var i = 0; i < 200; i++)
        {
            last = backoff.NextDelay(Key);
        }
        last.Should().BeCloseTo(TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(1));
    }
}
