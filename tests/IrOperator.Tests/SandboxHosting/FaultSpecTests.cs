using IrOperator.Sandbox.Aws.Faults;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube.Faults;

namespace IrOperator.Tests.SandboxHosting;

/// <summary>The sandbox's <c>--faults</c> syntax: what it accepts, what it sets, and how it refuses.</summary>
public sealed class FaultSpecTests
{
    [Fact]
    public void The_example_of_the_help_sets_every_named_fault()
    {
        var spec = FaultSpec.Parse("kube.error-rate=0.05,kube.watch-drop=30s,aws.throttle-rate=0.1,aws.consistency-delay=3s");

        spec.Should().Be(new FaultSpec
        {
            KubeErrorRate = 0.05, KubeWatchDrop = TimeSpan.FromSeconds(30), AwsThrottleRate = 0.1, AwsConsistencyDelay = TimeSpan.FromSeconds(3),
        });
    }

    [Fact]
    public void Every_key_takes_its_kind_of_value()
    {
        var spec = FaultSpec.Parse(" kube.error-rate = 5% , kube.error-code=429, kube.latency=200ms, aws.error-rate=2.5%, aws.latency=1.5s, aws.throttle-rate=1, kube.watch-drop=1m ");

        spec.KubeErrorRate.Should().BeApproximately(0.05, 1e-9);
        spec.KubeErrorCode.Should().Be(429);
        spec.KubeLatency.Should().Be(TimeSpan.FromMilliseconds(200));
        spec.AwsErrorRate.Should().BeApproximately(0.025, 1e-9);
        spec.AwsLatency.Should().Be(TimeSpan.FromSeconds(1.5));
        spec.AwsThrottleRate.Should().Be(1);
        spec.KubeWatchDrop.Should().Be(TimeSpan.FromMinutes(1));
        FaultSpec.Keys.Select(k => k.Key).Should().BeEquivalentTo(
            ["kube.error-rate", "kube.error-code", "kube.latency", "kube.watch-drop", "aws.throttle-rate", "aws.error-rate", "aws.latency", "aws.consistency-delay"]);
    }

    [Fact]
    public void An_empty_spec_is_no_faults()
    {
        FaultSpec.Parse("").IsEmpty.Should().BeTrue();
        FaultSpec.Parse(" , ").IsEmpty.Should().BeTrue();
        FaultSpec.Parse("aws.throttle-rate=0.1").IsEmpty.Should().BeFalse();
        new FaultSpec().Describe().Should().Be("none");
    }

    [Theory]
    [InlineData("kube.eror-rate=0.05", "unknown key 'kube.eror-rate'; known keys: kube.error-rate, kube.error-code")]
    [InlineData("kube.error-rate", "'kube.error-rate' is not key=value")]
    [InlineData("=0.05", "'=0.05' is not key=value")]
    [InlineData("kube.error-rate=1.5", "kube.error-rate=1.5: a rate must be from 0 to 1")]
    [InlineData("aws.throttle-rate=-0.1", "aws.throttle-rate=-0.1: a rate must be from 0 to 1")]
    [InlineData("aws.throttle-rate=lots", "aws.throttle-rate=lots: a rate is a number from 0 to 1 (0.05) or a percentage (5%)")]
    [InlineData("aws.throttle-rate=150%", "aws.throttle-rate=150%: a rate must be from 0 to 1")]
    [InlineData("kube.watch-drop=30", "kube.watch-drop=30: a duration is a number with a unit ms, s or m")]
    [InlineData("kube.watch-drop=0s", "kube.watch-drop=0s: must be longer than 0")]
    [InlineData("aws.consistency-delay=-3s", "aws.consistency-delay=-3s: a duration is a number with a unit")]
    [InlineData("aws.latency=2h", "aws.latency=2h: a duration is a number with a unit")]
    [InlineData("aws.latency=90m", "aws.latency=90m: at most 60m")]
    [InlineData("kube.error-code=503", "kube.error-code=503: the error code is 500 or 429")]
    [InlineData("aws.throttle-rate=0.1,aws.throttle-rate=0.2", "'aws.throttle-rate' is given twice")]
    public void A_bad_pair_is_refused_naming_the_key_or_value(string text, string message)
    {
        var parse = () => FaultSpec.Parse(text);

        parse.Should().Throw<FormatException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void Apply_sets_both_emulators_knobs()
    {
        var kube = new KubeFaults();
        var aws = new AwsFaults();

        FaultSpec.Parse("kube.error-rate=0.05,kube.error-code=429,kube.latency=10ms,kube.watch-drop=30s,aws.throttle-rate=0.1,aws.error-rate=0.2,aws.latency=5ms,aws.consistency-delay=3s")
            .ApplyTo(kube, aws);

        kube.ErrorRate.Should().Be(0.05);
        kube.ErrorStatusCode.Should().Be(429);
        kube.Latency.Should().Be(TimeSpan.FromMilliseconds(10));
        kube.DropWatchAfter.Should().Be(TimeSpan.FromSeconds(30));
        aws.ThrottleRate.Should().Be(0.1);
        aws.ServerErrorRate.Should().Be(0.2);
        aws.Latency.Should().Be(TimeSpan.FromMilliseconds(5));
        aws.ConsistencyDelay.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Describe_says_what_is_on_in_words()
    {
        FaultSpec.Parse("kube.error-rate=0.05,kube.watch-drop=30s,aws.throttle-rate=0.1,aws.consistency-delay=3s").Describe()
            .Should().Be("Kubernetes: 5% errors (500), watches cut after 30s; AWS: 10% throttling, IAM writes visible after 3s");
    }
}
