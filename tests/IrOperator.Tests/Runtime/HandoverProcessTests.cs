using System.Globalization;
using System.Net;
using IrOperator.Sandbox.Kube.Faults;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.Tests.Runtime;

/// <summary>
/// Two real `iroperator run` processes (the shipped CLI with a test controller, tests/IrOperator.TestOperator) on
/// one Lease against the emulator. Their reconciler ignores cancellation, takes seconds per object and records
/// when each reconcile starts and stops; from those records alone the tests show that no object is ever
/// reconciled by both replicas at once, across a SIGTERM hand-over and across a lost lease (docs/runtime.md,
/// "Leader hand-over"). Lease 6 s, renew deadline 3 s, retry 0.5 s; a reconcile lasts longer than the lease, so
/// a leader that stopped renewing before its reconciles ended would overlap with the next one.
/// </summary>
public sealed class HandoverProcessTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("iroperator-handover-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sigterm_drains_in_flight_reconciles_while_renewing_then_hands_over_without_overlap()
    {
        var ns = await CreateWidgetsAsync("sigterm");
        var kubeconfig = kube.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        var environment = Environment(reconcile: TimeSpan.FromSeconds(10));
        await using var a = OperatorProcess.Start("replica-a", kubeconfig, $"lease-{ns}", ns, _directory, environment);
        await Eventually.HoldsAsync(() => a.Records().Count > 0, Deadline, () => a.Output);
        await using var b = OperatorProcess.Start("replica-b", kubeconfig, $"lease-{ns}", ns, _directory, environment);
        await WaitReadyAsync(b);
        b.Records().Should().BeEmpty("replica-a holds the lease");

        // Signal just after replica-a started a reconcile: it has ~10 s left, longer than the lease, so it would
        // still be running when replica-b takes over if replica-a stopped renewing before it ended.
        await WaitForFreshStartAsync(a);
        var signalled = DateTime.UtcNow.Ticks;
        a.Terminate();
        await a.WaitForExitAsync(Deadline);

        await Eventually.HoldsAsync(() => b.Records().Select(r => r.Key).Distinct().Count() == 2, Deadline, () => b.Output);
        AssertNoOverlap(a, b);
        a.Records().Should().Contain(r => r.StartTicks < signalled && r.StopTicks > signalled, "a reconcile was in flight at SIGTERM and was let finish");
        a.Records().Should().OnlyContain(r => r.StopTicks != null, "every reconcile ended before the process did");
        a.ExitCode.Should().Be(0, a.Output);
    }

    [Fact]
    public async Task A_leader_cut_off_from_the_api_server_exits_at_once_and_never_overlaps_the_next()
    {
        var ns = await CreateWidgetsAsync("lost");
        await using var proxy = new TcpProxy(kube.Emulator.BaseUri.Port);
        var direct = kube.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        var proxied = Path.Combine(_directory, "kubeconfig-proxied");
        await File.WriteAllTextAsync(proxied, (await File.ReadAllTextAsync(direct)).Replace(
            $"127.0.0.1:{kube.Emulator.BaseUri.Port}", $"127.0.0.1:{proxy.Port}", StringComparison.Ordinal));
        var environment = Environment(reconcile: TimeSpan.FromSeconds(10));
        await using var a = OperatorProcess.Start("replica-a", proxied, $"lease-{ns}", ns, _directory, environment);
        await Eventually.HoldsAsync(() => a.Records().Count > 0, Deadline, () => a.Output);
        await using var b = OperatorProcess.Start("replica-b", direct, $"lease-{ns}", ns, _directory, environment);
        await WaitReadyAsync(b);

        // Cut just after replica-a started a reconcile: it has ~10 s left, longer than the lease, so it would
        // still be running when replica-b takes over if replica-a waited for it.
        await WaitForFreshStartAsync(a);
        var cut = DateTime.UtcNow.Ticks;
        proxy.Cut();
        await a.WaitForExitAsync(Deadline);

        await Eventually.HoldsAsync(() => b.Records().Select(r => r.Key).Distinct().Count() == 2, Deadline, () => b.Output);
        AssertNoOverlap(a, b);
        a.Records().Should().Contain(r => r.StopTicks == null, "the in-flight reconcile was abandoned, not waited for");
        new TimeSpan(a.ExitTicks - cut).Should().BeLessThan(TimeSpan.FromSeconds(6), "it exits within about the renew deadline, not after its reconciles");
        a.ExitCode.Should().Be(1, "a lost lease exits non-zero so Kubernetes restarts the pod");
    }

    [Fact]
    public async Task A_standby_stops_at_once_on_sigterm_and_leaves_the_leader_alone()
    {
        var ns = await CreateWidgetsAsync("standby");
        var kubeconfig = kube.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        var environment = Environment(reconcile: TimeSpan.FromMilliseconds(200));
        await using var a = OperatorProcess.Start("replica-a", kubeconfig, $"lease-{ns}", ns, _directory, environment);
        await Eventually.HoldsAsync(() => a.Records().Count > 0, Deadline, () => a.Output);
        await using var b = OperatorProcess.Start("replica-b", kubeconfig, $"lease-{ns}", ns, _directory, environment);
        await WaitReadyAsync(b);

        b.Terminate();
        await b.WaitForExitAsync(TimeSpan.FromSeconds(15));

        b.ExitCode.Should().Be(0, b.Output);
        b.Records().Should().BeEmpty();
        var before = a.Records().Count;
        await Eventually.HoldsAsync(() => a.Records().Count > before, Deadline, () => a.Output);
        a.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task A_failing_controller_turns_readyz_false_and_ends_the_process_non_zero_within_seconds()
    {
        var ns = await CreateWidgetsAsync("fail");
        var kubeconfig = kube.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        var environment = new Dictionary<string, string>(Environment(reconcile: TimeSpan.FromSeconds(3)))
        {
            ["TESTOP_FAIL_AFTER_MS"] = "8000",
        };
        await using var a = OperatorProcess.Start("replica-a", kubeconfig, $"lease-{ns}", ns, _directory, environment);
        await WaitReadyAsync(a);
        await Eventually.HoldsAsync(() => a.Records().Count > 0, Deadline, () => a.Output);

        // The failing controller throws; the widget controller's reconcile (3 s, ignoring cancellation) keeps the
        // process draining for a while, and all that time it must not report ready.
        await Eventually.HoldsAsync(async () => await ReadyzAsync(a) == HttpStatusCode.ServiceUnavailable, Deadline, () => a.Output);
        var notReady = DateTime.UtcNow;
        await a.WaitForExitAsync(Deadline);

        a.ExitCode.Should().Be(1);
        (DateTime.UtcNow - notReady).Should().BeLessThan(TimeSpan.FromSeconds(15));
        a.Output.Should().Contain("\"Controller\":\"failing\"").And.Contain("giving up leadership and exiting");
    }

    private static Dictionary<string, string> Environment(TimeSpan reconcile) => new()
    {
        ["IROPERATOR_LeaderElection__LeaseDurationSeconds"] = "6",
        ["IROPERATOR_LeaderElection__RenewDeadlineSeconds"] = "3",
        ["IROPERATOR_LeaderElection__RetryPeriodSeconds"] = "0.5",
        ["IROPERATOR_GracefulShutdownTimeoutSeconds"] = "30",
        ["IROPERATOR_Qps"] = "0",
        ["TESTOP_RECONCILE_MS"] = ((int)reconcile.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    };

    private async Task<string> CreateWidgetsAsync(string prefix)
    {
        var ns = await kube.NewNamespaceAsync(prefix);
        await kube.CreateAsync(WidgetCrd.New(ns, "w1", 1));
        await kube.CreateAsync(WidgetCrd.New(ns, "w2", 2));
        return ns;
    }

    private static Task WaitForFreshStartAsync(OperatorProcess replica) => Eventually.HoldsAsync(
        () => replica.Records().Any(r => r.StopTicks is null && DateTime.UtcNow.Ticks - r.StartTicks < TimeSpan.TicksPerSecond),
        Deadline, () => string.Join('\n', replica.Records()));

    private async Task WaitReadyAsync(OperatorProcess replica) =>
        await Eventually.HoldsAsync(async () => await ReadyzAsync(replica) == HttpStatusCode.OK, Deadline, () => replica.Output);

    private async Task<HttpStatusCode?> ReadyzAsync(OperatorProcess replica)
    {
        var endpoint = await replica.HealthEndpointAsync(Deadline);
        try
        {
            using var response = await _http.GetAsync(new Uri(endpoint, "/readyz"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>For every object, no reconcile of one replica overlaps one of the other (an unfinished one lasts until its process ended).</summary>
    private static void AssertNoOverlap(OperatorProcess a, OperatorProcess b)
    {
        var aExit = a.HasExited ? a.ExitTicks : (long?)null;
        var bExit = b.HasExited ? b.ExitTicks : (long?)null;
        var aRecords = a.Records();
        var bRecords = b.Records();
        aRecords.Should().NotBeEmpty();
        bRecords.Should().NotBeEmpty();
        foreach (var first in aRecords)
        {
            foreach (var second in bRecords.Where(r => r.Key == first.Key))
            {
                var apart = first.EndTicks(aExit) <= second.StartTicks || second.EndTicks(bExit) <= first.StartTicks;
                apart.Should().BeTrue($"{first} and {second} overlap (replica-a exit {(aExit is { } t ? new DateTime(t, DateTimeKind.Utc).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "-")})");
            }
        }
    }
}
