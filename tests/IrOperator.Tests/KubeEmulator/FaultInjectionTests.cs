using System.Diagnostics;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Autorest;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Faults set by the caller: errors, throttling with Retry-After, latency, narrowed to some requests.</summary>
public sealed class FaultInjectionTests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private readonly KubeEmulatorFixture _fixture;

    public FaultInjectionTests(KubeEmulatorFixture fixture) => _fixture = fixture;

    public void Dispose() => _fixture.Emulator.Faults.Clear();

    [Fact]
    public async Task An_error_rate_of_one_answers_500_InternalError()
    {
        _fixture.Emulator.Faults.ErrorRate = 1;

        var (code, status) = await KubeErrors.StatusOfAsync(() => _fixture.Admin.CoreV1.ListNamespaceAsync());

        code.Should().Be(500);
        status["reason"]!.GetValue<string>().Should().Be("InternalError");
    }

    [Fact]
    public async Task Throttling_answers_429_with_Retry_After()
    {
        _fixture.Emulator.Faults.ErrorRate = 1;
        _fixture.Emulator.Faults.ErrorStatusCode = 429;
        _fixture.Emulator.Faults.RetryAfterSeconds = 7;

        var e = await FluentActions.Awaiting(() => _fixture.Admin.CoreV1.ListNamespaceAsync()).Should().ThrowAsync<HttpOperationException>();

        ((int)e.Which.Response.StatusCode).Should().Be(429);
        e.Which.Response.Headers["Retry-After"].Should().Equal("7");
        e.Which.Response.Content.Should().Contain("\"reason\":\"TooManyRequests\"").And.Contain("\"retryAfterSeconds\":7");
    }

    [Fact]
    public async Task Faults_can_be_narrowed_to_some_verbs_and_resources()
    {
        _fixture.Emulator.Faults.ErrorRate = 1;
        _fixture.Emulator.Faults.Applies = (verb, resource) => verb == "update" && resource == "leases";

        var namespaces = await _fixture.Admin.CoreV1.ListNamespaceAsync();

        namespaces.Items.Should().Contain(n => n.Metadata.Name == "default");
    }

    [Fact]
    public async Task An_error_rate_in_between_fails_some_requests_and_not_others()
    {
        _fixture.Emulator.Faults.Seed(42);
        _fixture.Emulator.Faults.ErrorRate = 0.5;
        var outcomes = new List<bool>();

        for (var i = 0; i < 40; i++)
        {
            try
            {
                await _fixture.Admin.CoreV1.ReadNamespaceAsync("default");
                outcomes.Add(true);
            }
            catch (HttpOperationException e) when ((int)e.Response.StatusCode == 500)
            {
                outcomes.Add(false);
            }
        }

        outcomes.Should().Contain(true).And.Contain(false);
    }

    [Fact]
    public async Task Latency_delays_resource_requests()
    {
        _fixture.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        await _fixture.Admin.CoreV1.ReadNamespaceAsync("default");

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
    }
}
