using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using IrOperator.Aws;
using IrOperator.Aws.Credentials;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Resilience;
using IrOperator.Aws.Sts;
using IrOperator.Benchmarks.ResponderRoles;
using IrOperator.Benchmarks.Runtime;
using IrOperator.Iam.Desired;
using IrOperator.Resources;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Kube;
using k8s;
using k8s.Models;

namespace IrOperator.Benchmarks.Grants;

/// <summary>
/// `grants`: the BreakGlassGrant path as it ships (`iroperator run` in a child process, both emulators over
/// loopback), in one run: approval-to-Active latency for grants over 1, 10 and 50 accounts, expiry lag for many
/// grants with staggered TTLs, and the emulators' raw round trips (docs/benchmarks.md).
/// </summary>
internal static class GrantHarness
{
    public const string Verb = "grants";
    private const string Namespace = "bench-grants";
    private const string Requester = "alice";
    private const int Members = 50;
    private const int ExpiryRoleOffset = 100;
    private static readonly int[] Sizes = [1, 10, 50];
    private static readonly string Principal = $"arn:aws:iam::{BenchOrganization.ManagementAccountId}:user/{Requester}";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var samples = RuntimeScaleHarness.IntArg(args, "--samples", quick ? 5 : 30);
        var expiryGrants = RuntimeScaleHarness.IntArg(args, "--expiry-grants", quick ? 20 : 500);
        var perRole = RuntimeScaleHarness.IntArg(args, "--grants-per-role", 4);
        var expiryAccounts = RuntimeScaleHarness.IntArg(args, "--expiry-accounts", 2);
        var staggerSeconds = RuntimeScaleHarness.IntArg(args, "--stagger-seconds", quick ? 20 : 120);
        var propagationMs = RuntimeScaleHarness.IntArg(args, "--propagation-ms", 200);
        var rawSamples = RuntimeScaleHarness.IntArg(args, "--raw-samples", quick ? 100 : 300);
        var rate = RuntimeScaleHarness.IntArg(args, "--rate-limit", 20);
        var settings = new BenchSettings(
            Workers: RuntimeScaleHarness.IntArg(args, "--workers", 2),
            RateLimit: rate,
            Burst: rate,
            ParallelAccounts: Members,
            ResyncSeconds: 600,
            // The operator's shipped client limit (20 requests/s, docs/runtime.md); 0 lifts it.
            KubeQps: RuntimeScaleHarness.IntArg(args, "--kube-qps", 20));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grants harness: {Environment.ProcessorCount} CPUs; operator: {settings.Workers} workers, IAM {rate}/s per account and action, Kubernetes client {settings.KubeQps}/s, propagation window {propagationMs} ms; {samples} grants per size, {expiryGrants} expiring grants ({perRole} per role, {expiryAccounts} accounts each, TTLs 60..{60 + staggerSeconds} s)"));

        var log = new CallLog();
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Organization = BenchOrganization.Create(Members) });
        aws.State.CallObserver = log.Record;
        await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { HistorySize = 100_000 }, CancellationToken.None);
        kube.InstallCrds(CrdGenerator.GenerateAll());
        using var client = kube.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        var kubeconfig = kube.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"iroperator-grants-bench-{Environment.ProcessId}.kubeconfig"));
        try
        {
            var credentials = aws.CredentialsOf(BenchOrganization.ManagementAccountId, AwsEmulator.OperatorUser);
            await using var running = OperatorProcess.Start(kubeconfig, aws.Endpoint, credentials, settings, settings.ResyncSeconds, propagationMs);
            await running.WaitReadyAsync(TimeSpan.FromMinutes(2));

            // Activation: one role over all members, grants over the first 1, 10, 50 of them, one at a time.
            await client.CustomObjects.CreateClusterCustomObjectAsync(Role(0, null), IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
            await ResponderRoleHarness.WaitUntilAsync(async () => await ReadyRolesAsync(client) == 1, TimeSpan.FromMinutes(5), running);
            // One discarded grant over every member first: the operator's first grant pays for JIT and cold clients.
            await ActivateOnceAsync(client, running, "act-warmup", BenchRoles.Name(0), [.. Enumerable.Range(0, Members).Select(BenchOrganization.MemberId)]);
            var activation = new Dictionary<int, List<double>>();
            foreach (var size in Sizes)
            {
                activation[size] = [];
                for (var i = 0; i < samples; i++)
                {
                    activation[size].Add(await ActivateOnceAsync(client, running, $"act-{size}-{i}", BenchRoles.Name(0), [.. Enumerable.Range(0, size).Select(BenchOrganization.MemberId)]));
                }
                Console.WriteLine(F($"   {size} accounts: {Describe(activation[size])}"));
            }

            // Raw round trips, same run, same emulators: a Kubernetes GET of a grant; an IAM GetRole through the
            // operator's own IAM client (signed, provisioner credentials cached after the first call).
            var kubeRaw = await TimeAsync(rawSamples, () => client.CustomObjects.GetNamespacedCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, "act-1-0"));
            using var factory = IamFactory(aws, credentials);
            var iam = factory.Factory.Iam(BenchOrganization.MemberId(0));
            var iamRaw = await TimeAsync(rawSamples, () => iam.GetRoleAsync(RoleName(BenchRoles.Name(0)), CancellationToken.None));
            Console.WriteLine(F($"   raw Kubernetes GET: {Describe(kubeRaw)}; raw IAM GetRole: {Describe(iamRaw)}"));

            var expiry = await ExpireManyAsync(client, aws, running, expiryGrants, perRole, expiryAccounts, staggerSeconds);
            var metrics = await MetricsAsync(running);
            await running.StopAsync();
            foreach (var line in running.Warnings)
            {
                Console.WriteLine($"   operator: {line}");
            }
            Print(activation, kubeRaw, iamRaw, expiry, metrics, propagationMs);
            return 0;
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    /// <summary>Creates a grant, waits until it is Pending, approves it, polls it until Active; then revokes it and waits until every account is clean.</summary>
    private static async Task<double> ActivateOnceAsync(IKubernetes client, OperatorProcess running, string name, string role, string[] accounts)
    {
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(Grant(name, role, accounts, "1h"), IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural);
        await ResponderRoleHarness.WaitUntilAsync(async () => (await GetAsync(client, name)).Status?.Phase == GrantPhase.Pending, TimeSpan.FromMinutes(1), running);
        var started = Stopwatch.GetTimestamp();
        await AnnotateAsync(client, name, "approval.iroperator.io/bob", "bob");
        await PollAsync(async () => (await GetAsync(client, name)).Status?.Phase == GrantPhase.Active, TimeSpan.FromMinutes(2), running, name);
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await AnnotateAsync(client, name, "iroperator.io/revoke", "benchmark");
        await ResponderRoleHarness.WaitUntilAsync(
            async () => (await GetAsync(client, name)).Status is { Phase: GrantPhase.Revoked } status && status.Accounts?.All(a => a.State == GrantAccountState.Removed) == true,
            TimeSpan.FromMinutes(2),
            running);
        return latency;
    }

    private static async Task<ExpiryFigures> ExpireManyAsync(IKubernetes client, AwsEmulator aws, OperatorProcess running, int count, int perRole, int accountsPerRole, int staggerSeconds)
    {
        var roles = (count + perRole - 1) / perRole;
        var roleAccounts = Enumerable.Range(0, roles)
            .Select(r => Enumerable.Range(0, accountsPerRole).Select(a => BenchOrganization.MemberId(((r * accountsPerRole) + a) % Members)).ToArray())
            .ToList();
        var created = Stopwatch.GetTimestamp();
        await ForEachAsync(roles, r => client.CustomObjects.CreateClusterCustomObjectAsync(Role(ExpiryRoleOffset + r, roleAccounts[r]), IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural));
        await ResponderRoleHarness.WaitUntilAsync(async () => await ReadyRolesAsync(client) == roles + 1, TimeSpan.FromMinutes(10), running);
        Console.WriteLine(F($"   {roles} expiry roles Ready in {accountsPerRole} accounts each after {Stopwatch.GetElapsedTime(created).TotalSeconds:F1} s"));

        // Staggered TTLs: grant i lives 60 s + i/count of the stagger, so the expiries spread evenly over it. What IAM
        // shows is polled from the first approval on, so expiries that fall while the approvals are still being worked
        // through (the request budget shared with activation) are measured too.
        var watches = new System.Collections.Concurrent.ConcurrentDictionary<string, GrantWatch>(StringComparer.Ordinal);
        using var stopPolling = new CancellationTokenSource();
        var passes = new List<double>();
        var poller = Task.Run(() => PollIamAsync(aws, watches, passes, stopPolling.Token));
        var approving = Stopwatch.GetTimestamp();
        await ForEachAsync(count, async i =>
        {
            var seconds = 60 + (staggerSeconds * i / Math.Max(1, count));
            var role = BenchRoles.Name(ExpiryRoleOffset + (i / perRole));
            var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync(Grant($"exp-{i}", role, roleAccounts[i / perRole], F($"{seconds}s")), IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural);
            var uid = ((JsonElement)created).GetProperty("metadata").GetProperty("uid").GetString()!;
            watches[$"exp-{i}"] = new GrantWatch("IrGrant" + ShortHash.Of(uid), RoleName(role), roleAccounts[i / perRole]);
            await AnnotateAsync(client, $"exp-{i}", "approval.iroperator.io/bob", "bob");
        });
        List<BreakGlassGrant> grants = [];
        await ResponderRoleHarness.WaitUntilAsync(
            async () => (grants = await ExpiryGrantsAsync(client)).Count == count && grants.All(g => g.Status?.Phase is GrantPhase.Active or GrantPhase.Failed or GrantPhase.Expired),
            TimeSpan.FromMinutes(15),
            running);
        var allActive = Stopwatch.GetElapsedTime(approving);
        var failed = grants.Count(g => g.Status?.Phase == GrantPhase.Failed);
        Console.WriteLine(F($"   {count} grants approved, all settled after {allActive.TotalSeconds:F1} s ({failed} Failed)"));

        // Every expiresAt is fixed now: poll until each statement seen in IAM is gone, or two minutes after the last end.
        var settledAt = DateTime.UtcNow;
        var ends = grants.Where(g => g.Status?.ExpiresAt is not null).ToDictionary(g => g.Metadata.Name, g => g.Status!.ExpiresAt!.Value.ToUniversalTime(), StringComparer.Ordinal);
        var deadline = ends.Count == 0 ? DateTime.UtcNow : ends.Values.Max() + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && watches.Values.Any(w => w.SeenAt is not null && w.GoneAt is null))
        {
            await Task.Delay(100);
        }
        await stopPolling.CancelAsync();
        await poller;

        var lags = new List<double>();
        var duringApprovals = new List<double>();
        var early = 0;
        var neverSeen = 0;
        var notGone = 0;
        foreach (var (name, watch) in watches)
        {
            if (watch.SeenAt is null || !ends.TryGetValue(name, out var end))
            {
                neverSeen++;
                continue;
            }
            if (watch.GoneAt is not { } gone)
            {
                notGone++;
                continue;
            }
            if (gone < end)
            {
                early++;
            }
            var lag = (gone - end).TotalMilliseconds;
            lags.Add(lag);
            if (end < settledAt)
            {
                duringApprovals.Add(lag);
            }
        }
        var expired = (await ExpiryGrantsAsync(client)).Count(g => g.Status?.Phase == GrantPhase.Expired);
        return new ExpiryFigures(count, roles, failed, neverSeen, lags.Count + notGone, lags, duringApprovals, notGone, early, expired, passes.Count > 0 ? passes.Average() + 20 : 0, allActive);
    }

    /// <summary>
    /// Every 20 ms, what IAM shows (the emulator's visible state, consistency delay applied): per grant, the first pass
    /// that sees its statement in any of its accounts, then the first pass that sees it gone from every one.
    /// </summary>
    private static async Task PollIamAsync(AwsEmulator aws, System.Collections.Concurrent.ConcurrentDictionary<string, GrantWatch> watches, List<double> passes, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var pass = Stopwatch.GetTimestamp();
            var now = DateTime.UtcNow;
            foreach (var watch in watches.Values.Where(w => w.GoneAt is null))
            {
                var present = watch.Accounts.Any(account => aws.State.VisibleRole(account, watch.Role)?.TrustPolicy.Statements.Any(s => s.Sid == watch.Sid) == true);
                if (present)
                {
                    watch.SeenAt ??= now;
                }
                else if (watch.SeenAt is not null)
                {
                    watch.GoneAt = now;
                }
            }
            passes.Add(Stopwatch.GetElapsedTime(pass).TotalMilliseconds);
            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void Print(Dictionary<int, List<double>> activation, List<double> kubeRaw, List<double> iamRaw, ExpiryFigures expiry, string metrics, int propagationMs)
    {
        var kube50 = OperatorSide.Percentile(kubeRaw, 0.5);
        var kube99 = OperatorSide.Percentile(kubeRaw, 0.99);
        var iam50 = OperatorSide.Percentile(iamRaw, 0.5);
        var iam99 = OperatorSide.Percentile(iamRaw, 0.99);
        Console.WriteLine();
        Console.WriteLine("| figure | p50 | p99 | max | p50 / IAM GetRole p50 | p99 / IAM GetRole p99 | goal |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(F($"| raw Kubernetes GET (n={kubeRaw.Count}) | {kube50:F2} ms | {kube99:F2} ms | {kubeRaw.Max():F2} ms | | | |"));
        Console.WriteLine(F($"| raw IAM GetRole (n={iamRaw.Count}) | {iam50:F2} ms | {iam99:F2} ms | {iamRaw.Max():F2} ms | 1 | 1 | |"));
        foreach (var (size, values) in activation)
        {
            var p50 = OperatorSide.Percentile(values, 0.5);
            var p99 = OperatorSide.Percentile(values, 0.99);
            Console.WriteLine(F($"| approval to Active, {size} account(s) (n={values.Count}) | {p50:F0} ms | {p99:F0} ms | {values.Max():F0} ms | {p50 / iam50:F0} | {p99 / iam99:F0} | {(size == 10 ? "p99 < 1000 ms" : "")} |"));
        }
        if (expiry.Lags.Count > 0)
        {
            var p50 = OperatorSide.Percentile(expiry.Lags, 0.5);
            var p99 = OperatorSide.Percentile(expiry.Lags, 0.99);
            Console.WriteLine(F($"| expiry lag, expiresAt to statement gone everywhere (n={expiry.Lags.Count}) | {p50:F0} ms | {p99:F0} ms | {expiry.Lags.Max():F0} ms | {p50 / iam50:F0} | {p99 / iam99:F0} | p99 < 1000 ms |"));
        }
        if (expiry.LagsDuringApprovals.Count > 0)
        {
            Console.WriteLine(F($"| expiry lag of grants ending before all were Active (n={expiry.LagsDuringApprovals.Count}) | {OperatorSide.Percentile(expiry.LagsDuringApprovals, 0.5):F0} ms | {OperatorSide.Percentile(expiry.LagsDuringApprovals, 0.99):F0} ms | {expiry.LagsDuringApprovals.Max():F0} ms | | | |"));
        }
        Console.WriteLine();
        Console.WriteLine(F($"expiry: {expiry.Grants} grants on {expiry.Roles} roles; {expiry.Failed} Failed (no room), {expiry.NeverSeen} never seen in IAM (ended before their statement showed), {expiry.Watched} watched, {expiry.NotGone} still present at the deadline, {expiry.GoneEarly} gone before expiresAt; {expiry.ExpiredPhase} in phase Expired at the end; approve-to-all-Active {expiry.AllActive.TotalSeconds:F1} s; IAM poll pass every {expiry.PollPassMs:F0} ms on average"));
        Console.WriteLine(F($"expiry lags over 1 s: {expiry.Lags.Count(l => l > 1000)}, over 100 ms: {expiry.Lags.Count(l => l > 100)}"));
        Console.WriteLine(F($"activation is read back after the propagation window ({propagationMs} ms here; 1 min by default): the Active phase needs the statement read back from IAM (docs/grants.md)"));
        Console.WriteLine($"operator metrics: {metrics}");
    }

    private static async Task<string> MetricsAsync(OperatorProcess running)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{running.HealthPort}/metrics"));
        var lines = text.Split('\n').Where(line => !line.StartsWith('#') && (line.Contains("grant_activation_latency_seconds_", StringComparison.Ordinal) || line.Contains("grant_expiry_lag_seconds_", StringComparison.Ordinal)) && !line.Contains("_bucket", StringComparison.Ordinal));
        return string.Join("; ", lines);
    }

    private static ResponderRole Role(int index, string[]? accounts)
    {
        var role = BenchRoles.Object(index);
        role.Spec.Trust = null;
        role.Spec.BreakGlass = new BreakGlassSpec { Approvers = new Approvers { Users = ["bob"] }, MaxGrantDuration = "4h" };
        if (accounts is not null)
        {
            role.Spec.Accounts = new AccountSelector { Ids = accounts };
        }
        return role;
    }

    private static BreakGlassGrant Grant(string name, string role, string[] accounts, string duration) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new BreakGlassGrantSpec
        {
            Role = role, PrincipalArn = Principal, RequestedBy = Requester, Accounts = accounts, Duration = duration, Incident = "INC-BENCH", Reason = "benchmark",
        },
    };

    private static string RoleName(string role) => $"ir-{role}";

    private static Task<BreakGlassGrant> GetAsync(IKubernetes client, string name) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, name);

    private static async Task<List<BreakGlassGrant>> ExpiryGrantsAsync(IKubernetes client)
    {
        var list = (JsonElement)await client.CustomObjects.ListNamespacedCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural);
        return list.GetProperty("items").EnumerateArray()
            .Select(item => KubernetesJson.Deserialize<BreakGlassGrant>(item.GetRawText()))
            .Where(g => g.Metadata.Name.StartsWith("exp-", StringComparison.Ordinal))
            .ToList();
    }

    private static async Task<int> ReadyRolesAsync(IKubernetes client)
    {
        var list = (JsonElement)await client.CustomObjects.ListClusterCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
        return list.GetProperty("items").EnumerateArray().Count(item =>
            item.TryGetProperty("status", out var status)
            && status.TryGetProperty("accountsReady", out var ready) && ready.GetString() is { } text && text.Split('/') is [var done, var all] && done == all
            && status.TryGetProperty("conditions", out var conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True"));
    }

    private static Task AnnotateAsync(IKubernetes client, string name, string key, string value)
    {
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, name);
    }

    /// <summary>Polls back to back (each GET is one Kubernetes round trip, the resolution of the figure).</summary>
    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan timeout, OperatorProcess running, string name)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Grant {name} did not become Active; operator said: {string.Join(" | ", running.Warnings)}");
            }
        }
    }

    private static async Task<List<double>> TimeAsync(int count, Func<Task> call)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count + 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            if (i >= 10)
            {
                // The first ten warm the connection and the credentials up.
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        return times;
    }

    private static async Task ForEachAsync(int count, Func<int, Task> action)
    {
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
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

    internal static IamStack IamFactory(AwsEmulator aws, Sandbox.Aws.Identity.AwsCredentials key) => new(aws.Endpoint, key);

    private static string Describe(List<double> millis) =>
        F($"p50 {OperatorSide.Percentile(millis, 0.5):F2} ms, p99 {OperatorSide.Percentile(millis, 0.99):F2} ms, max {millis.Max():F2} ms (n={millis.Count})");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the expiry part measured.</summary>
    private sealed record ExpiryFigures(int Grants, int Roles, int Failed, int NeverSeen, int Watched, List<double> Lags, List<double> LagsDuringApprovals, int NotGone, int GoneEarly, int ExpiredPhase, double PollPassMs, TimeSpan AllActive);

    /// <summary>One expiring grant as the IAM poller follows it.</summary>
    private sealed class GrantWatch(string sid, string role, string[] accounts)
    {
        public string Sid { get; } = sid;

        public string Role { get; } = role;

        public string[] Accounts { get; } = accounts;

        public DateTime? SeenAt { get; set; }

        public DateTime? GoneAt { get; set; }
    }

    /// <summary>The operator's IAM client stack in this process, for the raw GetRole round trip (same path as the operator's).</summary>
    internal sealed class IamStack : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
        private readonly ProvisionerCredentials _provisioner;

        public IamStack(Uri endpoint, Sandbox.Aws.Identity.AwsCredentials key)
        {
            var endpoints = new AwsEndpointResolver(new AwsEndpointOptions { EndpointUrl = endpoint, Region = "us-east-1" }, _ => null);
            // No client-side rate limit: the figure is the emulator's round trip, not the operator's IAM budget.
            var resilience = new AwsResilienceOptions();
            resilience.RateLimits["iam"] = new AwsRateLimit(1_000_000, 1_000_000);
            var source = new SdkCredentialSource(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey), "operator");
            var sts = StsClientFactory.Create(source.Credentials, endpoints.Resolve(AwsService.Sts), resilience);
            _provisioner = new ProvisionerCredentials(sts, new ProvisionerRoleOptions(), "aws", TimeProvider.System, Serilog.Core.Logger.None);
            Factory = new AwsClientFactory(_http, endpoints, new AwsResilience(resilience, TimeProvider.System), _provisioner, source, Serilog.Core.Logger.None, TimeProvider.System);
        }

        public AwsClientFactory Factory { get; }

        public void Dispose()
        {
            _provisioner.Dispose();
            _http.Dispose();
        }
    }
}
