using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IrOperator.Benchmarks.Runtime;
using IrOperator.Resources;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Kube;
using k8s;
using k8s.Models;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// `responder-roles`: the ResponderRole controller at organization scale (docs/benchmarks.md). Each scenario gets a
/// fresh AWS emulator with an organization built here, a fresh Kubernetes API emulator, and the operator
/// (`iroperator run`) in a child process; the harness applies the ResponderRoles, waits until every one is Ready
/// in every account, then waits out one steady-state pass, and counts what the emulator answered.
/// </summary>
internal static class ResponderRoleHarness
{
    public const string Verb = "responder-roles";
    private const string ResyncAnnotation = "bench.iroperator.io/resync";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var rate = RuntimeScaleHarness.IntArg(args, "--rate-limit", 2);
        var settings = new BenchSettings(
            Workers: RuntimeScaleHarness.IntArg(args, "--workers", 10),
            RateLimit: rate,
            Burst: RuntimeScaleHarness.IntArg(args, "--burst", rate),
            ParallelAccounts: RuntimeScaleHarness.IntArg(args, "--parallel-accounts", 50),
            ResyncSeconds: RuntimeScaleHarness.IntArg(args, "--resync-seconds", 600),
            KubeQps: RuntimeScaleHarness.IntArg(args, "--kube-qps", 50));
        var roles = RuntimeScaleHarness.IntArg(args, "--roles", quick ? 10 : 100);
        var accounts = RuntimeScaleHarness.IntArg(args, "--accounts", quick ? 5 : 50);
        var largeAccounts = RuntimeScaleHarness.IntArg(args, "--large-accounts", quick ? 50 : 1000);
        var scenarios = new[]
        {
            BenchScenario.Create($"{roles} roles x {accounts} accounts", roles, accounts, settings),
            BenchScenario.Create($"1 role x {accounts} accounts", 1, accounts, settings),
            BenchScenario.Create($"1 role x {largeAccounts} accounts", 1, largeAccounts, settings),
        };
        // --scenarios 1,3 runs only those (1-based), e.g. to repeat one with other settings.
        if (RuntimeScaleHarness.StringArg(args, "--scenarios") is { } only)
        {
            var picked = only.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture) - 1).ToHashSet();
            scenarios = scenarios.Where((_, i) => picked.Contains(i)).ToArray();
        }
        var minimum = PlannerMinimum.For(0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"responder-roles harness: {Environment.ProcessorCount} CPUs; operator: {settings.Workers} workers, {settings.ParallelAccounts} accounts in parallel per role, IAM rate limit {settings.RateLimit}/s per account and action (burst {settings.Burst}), Kubernetes client {(settings.KubeQps == 0 ? "unlimited" : $"{settings.KubeQps} requests/s")}"));
        Console.WriteLine($"planner minimum per role-account: cold create = {minimum.CreateReads} read (GetRole) + {minimum.CreateWrites.Count} writes ({string.Join(", ", minimum.CreateWrites)}) = {minimum.Create} IAM calls, plus 1 STS AssumeRole per account; steady state = {minimum.SteadyReads} IAM reads, 0 writes");

        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"-- {scenario.Name}");
            results.Add(await RunScenarioAsync(scenario, settings));
        }
        BenchReport.Print(results, minimum, settings);
        return 0;
    }

    private static async Task<ScenarioResult> RunScenarioAsync(BenchScenario scenario, BenchSettings settings)
    {
        var log = new CallLog();
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Organization = BenchOrganization.Create(scenario.Accounts) });
        aws.State.CallObserver = log.Record;
        await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { HistorySize = 100_000 }, CancellationToken.None);
        kube.InstallCrds(CrdGenerator.GenerateAll());
        using var client = kube.CreateClient();
        var kubeconfig = kube.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"iroperator-rr-bench-{Environment.ProcessId}.kubeconfig"));
        try
        {
            await using var running = OperatorProcess.Start(kubeconfig, aws.Endpoint, aws.CredentialsOf(BenchOrganization.ManagementAccountId, AwsEmulator.OperatorUser), settings, scenario.ResyncSeconds);
            await running.WaitReadyAsync(TimeSpan.FromMinutes(2));

            // Create phase: from the first ResponderRole applied until every one is Ready in every account.
            var createFrom = log.Count;
            var started = Stopwatch.GetTimestamp();
            await ForEachRoleAsync(scenario, i => client.CustomObjects.CreateClusterCustomObjectAsync(BenchRoles.Object(i), IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural));
            await WaitUntilAsync(async () => await ReadyCountAsync(client, scenario.Accounts) == scenario.Roles, TimeSpan.FromMinutes(10), running);
            var wall = Stopwatch.GetElapsedTime(started);
            var createTo = log.Count;
            var create = log.Between(createFrom, createTo);
            Console.WriteLine($"   all {scenario.Roles} Ready in {scenario.Accounts} accounts after {wall.TotalSeconds:F1} s ({create.Count} AWS calls)");

            // Settle: what the operator does after Ready without any change, until AWS sees no call for 2 s and the
            // operator's queues are empty with no reconcile running (the reconciles its own status writes trigger). Then the steady state: a resync reads every role in every
            // account again; nothing changed, so nothing is written. The timer's resync is a requeue of the object
            // with its generation unchanged; touching an annotation enqueues the same reconcile now instead of in
            // 10 minutes (the generation does not change either, so it is not taken as a spec change).
            await WaitUntilAsync(async () => Stopwatch.GetElapsedTime(log.LastAt) > TimeSpan.FromSeconds(2) && await running.IsIdleAsync(), TimeSpan.FromMinutes(10), running);
            var settleTo = log.Count;
            var settle = log.Between(createTo, settleTo);
            Console.WriteLine($"   settled: {settle.Count} AWS calls after Ready, {settle.Count(c => c.IsIamWrite)} IAM writes");
            await ForEachRoleAsync(scenario, i => client.CustomObjects.PatchClusterCustomObjectAsync(
                new V1Patch($"{{\"metadata\":{{\"annotations\":{{\"{ResyncAnnotation}\":\"1\"}}}}}}", V1Patch.PatchType.MergePatch),
                IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, BenchRoles.Name(i)));
            await WaitUntilAsync(
                async () => log.Between(settleTo).Count(c => c.Call is { Service: "iam", Action: "GetRole" }) >= scenario.RoleAccounts
                    && Stopwatch.GetElapsedTime(log.LastAt) > TimeSpan.FromSeconds(2) && await running.IsIdleAsync(),
                TimeSpan.FromMinutes(10),
                running);
            var resync = log.Between(settleTo);
            var resyncPass = resync.Count > 0 ? TimeSpan.FromSeconds((resync[^1].At - resync[0].At) / (double)Stopwatch.Frequency) : TimeSpan.Zero;
            Console.WriteLine($"   steady-state resync: {resync.Count} AWS calls, {resync.Count(c => c.IsIamWrite)} IAM writes");

            var (peak, heap) = await running.StopAsync();
            foreach (var line in running.Warnings)
            {
                Console.WriteLine($"   operator: {line}");
            }
            var rates = AccountRates(create, "CreateRole", settings.Burst);
            var getRoleRates = AccountRates(create, "GetRole", settings.Burst);
            return new ScenarioResult(
                scenario,
                wall,
                create.FirstOrDefault(c => c.Call.Service == "iam") is { } first ? Stopwatch.GetElapsedTime(started, first.At) : TimeSpan.Zero,
                Counts.Of(create),
                Counts.Of(settle),
                Counts.Of(resync),
                resyncPass,
                MeanAccountCreateRate: rates.Count > 0 ? rates.Average() : null,
                MinAccountCreateRate: rates.Count > 0 ? rates.Min() : null,
                MeanAccountGetRoleRate: getRoleRates.Count > 0 ? getRoleRates.Average() : null,
                peak,
                heap,
                running.WarningCount,
                running.NoSuchEntityLines);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    /// <summary>
    /// Per account, the sustained rate of <paramref name="action"/>: a token bucket lets the first
    /// <paramref name="burst"/> calls through at once, then the limit per second, so (n − burst) calls over the
    /// time from the first call to the last is the rate the limiter allowed. Accounts with too few calls to
    /// tell are left out.
    /// </summary>
    private static List<double> AccountRates(IReadOnlyList<TimedCall> calls, string action, int burst) =>
        calls.Where(c => c.Call.Service == "iam" && c.Call.Action == action && c.Account is not null)
            .GroupBy(c => c.Account!)
            .Select(g => g.Select(c => c.At).Order().ToList())
            .Where(times => times.Count > burst + 1)
            .Select(times => (times.Count - burst) / ((times[^1] - times[0]) / (double)Stopwatch.Frequency))
            .ToList();

    private static async Task ForEachRoleAsync(BenchScenario scenario, Func<int, Task> action)
    {
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, scenario.Roles).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await action(i);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task<int> ReadyCountAsync(IKubernetes client, int accounts)
    {
        var list = (JsonElement)await client.CustomObjects.ListClusterCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
        var expected = string.Create(CultureInfo.InvariantCulture, $"{accounts}/{accounts}");
        var ready = 0;
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            if (item.TryGetProperty("status", out var status)
                && status.TryGetProperty("accountsReady", out var accountsReady) && accountsReady.GetString() == expected
                && status.TryGetProperty("conditions", out var conditions)
                && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True"))
            {
                ready++;
            }
        }
        return ready;
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, OperatorProcess running)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The scenario did not reach its condition within {timeout.TotalSeconds:F0} s; operator said: {string.Join(" | ", running.Warnings)}");
            }
            await Task.Delay(200);
        }
    }
}
