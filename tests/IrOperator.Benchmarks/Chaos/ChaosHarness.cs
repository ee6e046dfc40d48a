using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Credentials;
using IrOperator.Aws.Errors;
using IrOperator.Benchmarks.Grants;
using IrOperator.Benchmarks.ResponderRoles;
using IrOperator.Benchmarks.Runtime;
using IrOperator.Iam.Desired;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Kube;
using IrOperator.Sandbox.Kube.Faults;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Benchmarks.Chaos;

/// <summary>
/// `chaos`: many BreakGlassGrants approved, revoked and expiring while both emulators misbehave and the operator's
/// two replicas are killed and cut off from the API server; then checks, as AWS sees it, that no access outlived its
/// grant and that every trust policy is clean (docs/reliability.md). Exits 1 when a goal is missed.
/// </summary>
internal static class ChaosHarness
{
    public const string Verb = "chaos";
    private const string Namespace = "chaos";
    private const string LeaseName = "iroperator-leader";
    private const int Members = 4;
    private const int RoleOffset = 500;
    private static readonly GrantPhase[] FinalPhases = [GrantPhase.Expired, GrantPhase.Revoked, GrantPhase.Failed, GrantPhase.Denied];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var options = new ChaosOptions(
            Grants: RuntimeScaleHarness.IntArg(args, "--grants", quick ? 12 : 200),
            GrantsPerRole: RuntimeScaleHarness.IntArg(args, "--grants-per-role", 4),
            MinTtl: RuntimeScaleHarness.IntArg(args, "--min-ttl", 60),
            MaxTtl: RuntimeScaleHarness.IntArg(args, "--max-ttl", quick ? 60 : 120),
            SpreadSeconds: RuntimeScaleHarness.IntArg(args, "--spread-seconds", quick ? 10 : 60),
            RevokePercent: RuntimeScaleHarness.IntArg(args, "--revoke-percent", 30),
            Kills: RuntimeScaleHarness.IntArg(args, "--kills", quick ? 1 : 2),
            Cuts: RuntimeScaleHarness.IntArg(args, "--cuts", quick ? 0 : 2),
            FirstFaultSeconds: RuntimeScaleHarness.IntArg(args, "--first-fault-seconds", quick ? 15 : 25),
            FaultEverySeconds: RuntimeScaleHarness.IntArg(args, "--fault-every-seconds", 35),
            KubeErrorPercent: RuntimeScaleHarness.IntArg(args, "--kube-error-percent", 5),
            IamThrottlePercent: RuntimeScaleHarness.IntArg(args, "--iam-throttle-percent", 10),
            ConsistencyMs: RuntimeScaleHarness.IntArg(args, "--consistency-ms", 3000),
            PropagationMs: RuntimeScaleHarness.IntArg(args, "--propagation-ms", 5000),
            WatchDropSeconds: RuntimeScaleHarness.IntArg(args, "--watch-drop-seconds", 15),
            LeaseSeconds: RuntimeScaleHarness.IntArg(args, "--lease-seconds", 15),
            RenewSeconds: RuntimeScaleHarness.IntArg(args, "--renew-seconds", 10),
            RetrySeconds: RuntimeScaleHarness.IntArg(args, "--retry-seconds", 2),
            MarginSeconds: RuntimeScaleHarness.IntArg(args, "--margin-seconds", 2),
            Seed: RuntimeScaleHarness.IntArg(args, "--seed", 1));
        var run = new ChaosRun(options);
        return await run.RunAsync();
    }

    internal static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The run's knobs (docs/reliability.md lists them with their defaults).</summary>
    internal sealed record ChaosOptions(
        int Grants, int GrantsPerRole, int MinTtl, int MaxTtl, int SpreadSeconds, int RevokePercent, int Kills, int Cuts,
        int FirstFaultSeconds, int FaultEverySeconds, int KubeErrorPercent, int IamThrottlePercent, int ConsistencyMs, int PropagationMs,
        int WatchDropSeconds, int LeaseSeconds, int RenewSeconds, int RetrySeconds, int MarginSeconds, int Seed);

    /// <summary>One run: the emulators, the replicas, the grants, the monitors and the figures.</summary>
    private sealed class ChaosRun(ChaosOptions options)
    {
        private readonly Random _random = new(options.Seed);
        private readonly Lock _drawGate = new();
        private readonly List<ChaosGrant> _grants = [];
        private readonly List<ChaosReplica> _replicas = [new("replica-a"), new("replica-b")];
        private readonly ConcurrentDictionary<string, Credentials> _responderKeys = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _duplicates = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<string> _outlived = [];
        private readonly ConcurrentBag<string> _sessionsOutlived = [];
        private readonly ConcurrentBag<string> _log = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private AwsEmulator _aws = null!;
        private KubeApiEmulator _kube = null!;
        private IKubernetes _client = null!;
        private GrantHarness.IamStack _iam = null!;
        private AwsCredentials _operatorKeys = null!;
        private string _directory = "";
        private int _kubeFaults;
        private int _kubeFaults429;
        private int _watchDropsForced;
        private int _relistsForced;
        private int _kills;
        private int _cuts;
        private int _unplannedExits;
        private int _starts;
        private int _leadershipChanges;
        private int _noLeaderChecks;
        private int _insideAssumed;
        private int _insideRefused;
        private int _afterRefused;
        private int _sessionsCut;
        private int _iamCalls;
        private string? _holder;
        private volatile bool _faultsOn;

        public async Task<int> RunAsync()
        {
            Say(F($"chaos: {options.Grants} grants ({options.GrantsPerRole} per role, 2 of {Members} accounts each, TTL {options.MinTtl}-{options.MaxTtl} s, {options.RevokePercent}% revoked), created over {options.SpreadSeconds} s; Kubernetes: {options.KubeErrorPercent}% 5xx/429, watches cut every {options.WatchDropSeconds} s; IAM: {options.IamThrottlePercent}% throttled, consistency delay {options.ConsistencyMs} ms; {options.Kills} SIGKILLs and {options.Cuts} API cuts of the leader from {options.FirstFaultSeconds} s, every {options.FaultEverySeconds} s; lease {options.LeaseSeconds}/{options.RenewSeconds}/{options.RetrySeconds} s; seed {options.Seed}"));
            _directory = Directory.CreateTempSubdirectory("iroperator-chaos-").FullName;
            await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Organization = BenchOrganization.Create(Members), FaultSeed = options.Seed });
            _aws = aws;
            aws.State.CallObserver = call =>
            {
                if (call.Service == "iam")
                {
                    Interlocked.Increment(ref _iamCalls);
                }
            };
            await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { HistorySize = 200_000 }, CancellationToken.None);
            _kube = kube;
            kube.InstallCrds(CrdGenerator.GenerateAll());
            // The harness's own client retries what the faults throw at it (reads and writes; creates are checked below).
            _client = new Kubernetes(kube.ClientConfiguration(), KubeRequestPolicy.CreateHandler(new KubeClientOptions { Qps = 0, MaxRetries = 10, RetryBaseDelay = TimeSpan.FromMilliseconds(50), RetryMaxDelay = TimeSpan.FromSeconds(2) }, TimeProvider.System));
            await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
            _operatorKeys = aws.CredentialsOf(BenchOrganization.ManagementAccountId, AwsEmulator.OperatorUser);
            using var iam = GrantHarness.IamFactory(aws, _operatorKeys);
            _iam = iam;
            using var stop = new CancellationTokenSource();
            var background = new List<Task>();
            try
            {
                Plan();
                foreach (var grant in _grants)
                {
                    var keys = aws.CreateUser(BenchOrganization.ManagementAccountId, grant.Responder, SamplePolicies.Responder);
                    _responderKeys[grant.Responder] = new Credentials { AccessKeyId = keys.AccessKeyId, SecretAccessKey = keys.SecretAccessKey };
                }
                foreach (var replica in _replicas)
                {
                    Start(replica);
                }
                await Task.WhenAll(_replicas.Select(r => r.Process!.WaitReadyAsync(TimeSpan.FromMinutes(2))));
                var roles = _grants.GroupBy(g => g.Role).Select(g => (Role: g.Key, g.First().Accounts)).ToList();
                foreach (var (role, accounts) in roles)
                {
                    await CreateAsync(() => _client.CustomObjects.CreateClusterCustomObjectAsync(Role(role, accounts), IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural));
                }
                await WaitAsync(async () => await ReadyRolesAsync() == roles.Count, TimeSpan.FromMinutes(5), "roles Ready");
                Say(F($"{roles.Count} roles Ready; leader {_holder ?? await HolderAsync()}; faults on"));

                FaultsOn();
                background.Add(Task.Run(() => LeaseMonitorAsync(stop.Token)));
                background.Add(Task.Run(() => IamMonitorAsync(stop.Token)));
                background.Add(Task.Run(() => SupervisorAsync(stop.Token)));
                background.Add(Task.Run(() => StatusMonitorAsync(stop.Token)));
                background.Add(Task.Run(() => CheckerAsync(stop.Token)));
                background.Add(Task.Run(() => WatchChaosAsync(stop.Token)));
                var chaos = Task.Run(() => LeaderChaosAsync(stop.Token));
                await DriveGrantsAsync();
                await chaos;

                // Done when every grant is final and clean in every account, its checks made; bounded.
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(options.MaxTtl + options.SpreadSeconds + 240);
                await WaitUntilAsync(() => _grants.All(g => g.AfterChecked && IsFinal(g) && (g.GoneAt is not null || g.SeenAt is null)), deadline);
                Say("grants settled (or deadline); faults off, final reads");
                FaultsOff();
                await stop.CancelAsync();
                await Task.WhenAll(background.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
                await RefreshStatusAsync();
                return await ReportAsync();
            }
            finally
            {
                await stop.CancelAsync();
                foreach (var replica in _replicas)
                {
                    if (replica.Process is { } process)
                    {
                        await process.DisposeAsync();
                    }
                    if (replica.Proxy is { } proxy)
                    {
                        await proxy.DisposeAsync();
                    }
                }
                Directory.Delete(_directory, recursive: true);
            }
        }

        /// <summary>Which grant goes to which role, lives how long, is revoked when: fixed by the seed.</summary>
        private void Plan()
        {
            for (var i = 0; i < options.Grants; i++)
            {
                var r = i / options.GrantsPerRole;
                var accounts = new[] { BenchOrganization.MemberId(r % Members), BenchOrganization.MemberId((r + 1) % Members) };
                var seconds = options.MinTtl + _random.Next(options.MaxTtl - options.MinTtl + 1);
                double? revoke = _random.Next(100) < options.RevokePercent ? 10 + (_random.NextDouble() * Math.Max(1, seconds - 20)) : null;
                _grants.Add(new ChaosGrant(i, $"g-{i:D3}", BenchRoles.Name(RoleOffset + r), accounts, $"resp-{i:D3}", seconds, revoke));
            }
        }

        private void Start(ChaosReplica replica)
        {
            replica.Generation++;
            replica.Proxy ??= new TcpProxy(_kube.BaseUri.Port);
            var kubeconfig = Path.Combine(_directory, $"{replica.Identity}.kubeconfig");
            File.WriteAllText(kubeconfig, _kube.KubeconfigYaml().Replace($":{_kube.BaseUri.Port}", $":{replica.Proxy.Port}", StringComparison.Ordinal));
            var settings = new BenchSettings(Workers: 2, RateLimit: 0, Burst: 0, ParallelAccounts: 8, ResyncSeconds: 600, KubeQps: 20);
            replica.Process = OperatorProcess.Start(kubeconfig, _aws.Endpoint, _operatorKeys, settings, settings.ResyncSeconds, options.PropagationMs,
            [
                "--identity", replica.Identity, "--lease-namespace", Namespace, "--lease-seconds", $"{options.LeaseSeconds}",
                "--renew-seconds", $"{options.RenewSeconds}", "--retry-seconds", $"{options.RetrySeconds}",
            ]);
            Interlocked.Increment(ref _starts);
        }

        private void FaultsOn()
        {
            // Kubernetes: the harness draws the 5% itself (so it can count them) and lets the emulator answer every
            // drawn request with an error, half of them 500, half 429 with Retry-After.
            _kube.Faults.ErrorRate = 1;
            _kube.Faults.Applies = (_, _) =>
            {
                if (!_faultsOn)
                {
                    return false;
                }
                lock (_drawGate)
                {
                    if (_random.Next(100) >= options.KubeErrorPercent)
                    {
                        return false;
                    }
                    var tooMany = _random.Next(2) == 0;
                    _kube.Faults.ErrorStatusCode = tooMany ? 429 : 500;
                    Interlocked.Increment(ref _kubeFaults);
                    if (tooMany)
                    {
                        Interlocked.Increment(ref _kubeFaults429);
                    }
                    return true;
                }
            };
            _kube.Faults.DropWatchAfter = TimeSpan.FromSeconds(options.WatchDropSeconds);
            _aws.Faults.Services = new HashSet<string>(StringComparer.Ordinal) { "iam" };
            _aws.Faults.ThrottleRate = options.IamThrottlePercent / 100.0;
            _aws.Faults.ConsistencyDelay = TimeSpan.FromMilliseconds(options.ConsistencyMs);
            _faultsOn = true;
        }

        private void FaultsOff()
        {
            _faultsOn = false;
            _kube.Faults.Clear();
            _aws.Faults.ThrottleRate = 0;
        }

        /// <summary>Creates, approves and (some) revokes the grants on their schedule.</summary>
        private async Task DriveGrantsAsync()
        {
            var started = DateTime.UtcNow;
            await Task.WhenAll(_grants.Select(async grant =>
            {
                var at = started + TimeSpan.FromSeconds(options.SpreadSeconds * grant.Index / (double)Math.Max(1, options.Grants));
                await DelayUntilAsync(at);
                var body = await CreateAsync(() => _client.CustomObjects.CreateNamespacedCustomObjectAsync(Grant(grant), IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural),
                    () => _client.CustomObjects.GetNamespacedCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, grant.Name));
                grant.Sid = "IrGrant" + ShortHash.Of(((JsonElement)body).GetProperty("metadata").GetProperty("uid").GetString()!);
                await AnnotateAsync(grant.Name, "approval.iroperator.io/bob", "bob");
                grant.ApprovedAt = DateTime.UtcNow;
                if (grant.RevokeAfterSeconds is { } after)
                {
                    await DelayUntilAsync(grant.ApprovedAt.Value + TimeSpan.FromSeconds(after));
                    await AnnotateAsync(grant.Name, IrOperatorApi.RevokeAnnotation, "chaos");
                    grant.RevokedAt = DateTime.UtcNow;
                }
            }));
        }

        /// <summary>SIGKILLs and API cuts of whichever replica holds the Lease, alternating, on a fixed schedule.</summary>
        private async Task LeaderChaosAsync(CancellationToken cancellationToken)
        {
            var started = DateTime.UtcNow;
            var kills = options.Kills;
            var cuts = options.Cuts;
            for (var i = 0; kills + cuts > 0; i++)
            {
                await DelayUntilAsync(started + TimeSpan.FromSeconds(options.FirstFaultSeconds + (i * options.FaultEverySeconds)));
                var kill = kills > 0 && (i % 2 == 0 || cuts == 0);
                ChaosReplica? leader = null;
                await WaitUntilAsync(() => (leader = _replicas.FirstOrDefault(r => r.Identity == _holder && r.Process is { HasExited: false })) is not null, DateTime.UtcNow + TimeSpan.FromMinutes(1));
                if (leader is null || cancellationToken.IsCancellationRequested)
                {
                    Say("no live leader to disturb within a minute");
                    continue;
                }
                leader.Planned = true;
                if (kill)
                {
                    kills--;
                    Say($"SIGKILL {leader.Identity} (leader)");
                    await leader.Process!.KillAsync();
                    Interlocked.Increment(ref _kills);
                    await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
                }
                else
                {
                    cuts--;
                    Say($"cut {leader.Identity} (leader) off the API server");
                    leader.Proxy!.Cut();
                    Interlocked.Increment(ref _cuts);
                    try
                    {
                        await leader.Process!.WaitForExitAsync(TimeSpan.FromSeconds(options.RenewSeconds + options.LeaseSeconds + 30));
                        Say($"{leader.Identity} exited with {leader.Process.ExitCode} after losing the API server");
                    }
                    catch (TimeoutException)
                    {
                        Say($"{leader.Identity} did not exit after losing the API server; killing it");
                        await leader.Process!.KillAsync();
                    }
                    await leader.Proxy.DisposeAsync();
                    leader.Proxy = null;
                }
                await leader.Process!.DisposeAsync();
                Start(leader);
                leader.Planned = false;
            }
        }

        /// <summary>Restarts a replica that exited on its own (as the kubelet would), counting it.</summary>
        private async Task SupervisorAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var replica in _replicas.Where(r => !r.Planned && r.Process is { HasExited: true }))
                {
                    Interlocked.Increment(ref _unplannedExits);
                    Say($"{replica.Identity} exited on its own with {replica.Process!.ExitCode}: {string.Join(" | ", replica.Process.Warnings.Take(2))}");
                    await replica.Process.DisposeAsync();
                    Start(replica);
                }
                await Pause(500, cancellationToken);
            }
        }

        /// <summary>Watches cut at once now and then, and forced relists (410 on resume).</summary>
        private async Task WatchChaosAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Pause(10_000, cancellationToken);
                _kube.Faults.DropOpenWatches();
                Interlocked.Increment(ref _watchDropsForced);
                await Pause(10_000, cancellationToken);
                _kube.Faults.ExpireNextWatches = 1;
                Interlocked.Increment(ref _relistsForced);
            }
        }

        private async Task LeaseMonitorAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var holder = await HolderAsync();
                    if (!string.IsNullOrEmpty(holder) && holder != _holder)
                    {
                        if (_holder is not null)
                        {
                            Interlocked.Increment(ref _leadershipChanges);
                        }
                        Say($"leader: {holder}");
                        _holder = holder;
                    }
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException)
                {
                    Interlocked.Increment(ref _noLeaderChecks);
                }
                await Pause(200, cancellationToken);
            }
        }

        /// <summary>Every 100 ms, what IAM holds (control plane): each grant's statement seen and gone; duplicate Sids anywhere.</summary>
        private async Task IamMonitorAsync(CancellationToken cancellationToken)
        {
            var roles = _grants.Select(g => (Role: RoleName(g.Role), g.Accounts)).DistinctBy(r => r.Role).ToList();
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = DateTime.UtcNow;
                var trust = new Dictionary<(string Account, string Role), IReadOnlyList<string>>();
                foreach (var (role, accounts) in roles)
                {
                    foreach (var account in accounts)
                    {
                        var sids = _aws.Role(account, role)?.TrustPolicy.Statements.Select(s => s.Sid).OfType<string>().ToList() ?? [];
                        trust[(account, role)] = sids;
                        foreach (var duplicate in sids.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1))
                        {
                            _duplicates.TryAdd($"{account}/{role}/{duplicate.Key}", F($"{now:O}"));
                        }
                    }
                }
                foreach (var grant in _grants.Where(g => g.Sid is not null && g.GoneAt is null))
                {
                    var present = grant.Accounts.Any(a => trust[(a, RoleName(grant.Role))].Contains(grant.Sid!));
                    if (present)
                    {
                        grant.SeenAt ??= now;
                    }
                    else if (grant.SeenAt is not null)
                    {
                        grant.GoneAt = now;
                    }
                }
                await Pause(100, cancellationToken);
            }
        }

        private async Task StatusMonitorAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshStatusAsync();
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException)
                {
                    // Faults: next pass.
                }
                await Pause(1000, cancellationToken);
            }
        }

        private async Task RefreshStatusAsync()
        {
            var list = (JsonElement)await _client.CustomObjects.ListNamespacedCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural);
            var byName = _grants.ToDictionary(g => g.Name, StringComparer.Ordinal);
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                var grant = KubernetesJson.Deserialize<BreakGlassGrant>(item.GetRawText());
                if (byName.TryGetValue(grant.Metadata.Name, out var tracked) && grant.Status is { } status)
                {
                    tracked.Phase = status.Phase;
                    tracked.ExpiresAt = status.ExpiresAt?.ToUniversalTime();
                }
            }
        }

        /// <summary>
        /// As the responder, through STS: inside the window (once Active) AssumeRole must work, and the session is kept;
        /// from expiresAt + the margin on, AssumeRole must be refused and the session kept must no longer work.
        /// </summary>
        private async Task CheckerAsync(CancellationToken cancellationToken)
        {
            using var gate = new SemaphoreSlim(8);
            var running = new List<Task>();
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = DateTime.UtcNow;
                foreach (var grant in _grants)
                {
                    if (!grant.InsideChecked && grant.Phase == GrantPhase.Active && grant.RevokedAt is null && grant.ExpiresAt is { } end && now < end - TimeSpan.FromSeconds(5))
                    {
                        grant.InsideChecked = true;
                        running.Add(Gated(gate, () => InsideAsync(grant)));
                    }
                    if (!grant.AfterChecked && grant.ExpiresAt is { } expires && now >= expires + TimeSpan.FromSeconds(options.MarginSeconds))
                    {
                        grant.AfterChecked = true;
                        running.Add(Gated(gate, () => AfterAsync(grant)));
                    }
                    if (!grant.AfterChecked && grant.ExpiresAt is null && grant.Phase is GrantPhase.Revoked or GrantPhase.Denied)
                    {
                        // Ended before it ever opened (revoked before the operator fixed its window): it never had
                        // access; AssumeRole must be refused now as after any end.
                        grant.AfterChecked = true;
                        grant.NeverOpened = true;
                        running.Add(Gated(gate, () => AfterAsync(grant)));
                    }
                }
                running.RemoveAll(t => t.IsCompleted);
                await Pause(250, cancellationToken);
            }
            await Task.WhenAll(running);
        }

        private async Task InsideAsync(ChaosGrant grant)
        {
            foreach (var account in grant.Accounts)
            {
                try
                {
                    var session = await AssumeAsync(grant, account);
                    grant.Sessions[account] = session;
                    Interlocked.Increment(ref _insideAssumed);
                }
                catch (AmazonSecurityTokenServiceException e)
                {
                    // E.g. revoked meanwhile: not a failure of the goal, counted (the first few are shown).
                    if (Interlocked.Increment(ref _insideRefused) <= 3)
                    {
                        Say($"inside the window, AssumeRole for {grant.Name} in {account} was refused at {DateTime.UtcNow:O} (approved {grant.ApprovedAt:O}, expires {grant.ExpiresAt:O}): {e.ErrorCode} {e.Message}");
                    }
                }
            }
        }

        private async Task AfterAsync(ChaosGrant grant)
        {
            foreach (var account in grant.Accounts)
            {
                try
                {
                    await AssumeAsync(grant, account);
                    _outlived.Add(F($"{grant.Name} in {account}: AssumeRole allowed at {DateTime.UtcNow:O}, expiresAt {grant.ExpiresAt:O}"));
                }
                catch (AmazonSecurityTokenServiceException e) when (e.ErrorCode == "AccessDenied")
                {
                    Interlocked.Increment(ref _afterRefused);
                }
                if (grant.Sessions.TryGetValue(account, out var session))
                {
                    var iam = _iam.Factory.Iam(account, new SessionCredentials(session));
                    try
                    {
                        await iam.GetRoleAsync(RoleName(grant.Role), CancellationToken.None);
                        _sessionsOutlived.Add(F($"{grant.Name} in {account}: a session from inside the window still works at {DateTime.UtcNow:O}, expiresAt {grant.ExpiresAt:O}"));
                    }
                    catch (AwsServiceException e) when (e.ErrorCode.StartsWith("AccessDenied", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _sessionsCut);
                    }
                }
            }
        }

        private async Task<Credentials> AssumeAsync(ChaosGrant grant, string account)
        {
            var keys = _responderKeys[grant.Responder];
            using var sts = new AmazonSecurityTokenServiceClient(
                new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey),
                new AmazonSecurityTokenServiceConfig { ServiceURL = _aws.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 3 });
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                // The ARN IAM gives the role (with its path), as the grant's status tells the responder.
                RoleArn = _aws.Role(account, RoleName(grant.Role))?.Arn ?? $"arn:aws:iam::{account}:role/{RoleName(grant.Role)}",
                RoleSessionName = grant.Responder,
                SourceIdentity = grant.Responder,
            });
            return response.Credentials;
        }

        private async Task<int> ReportAsync()
        {
            var orphans = new List<string>();
            foreach (var (role, accounts) in _grants.Select(g => (Role: RoleName(g.Role), g.Accounts)).DistinctBy(r => r.Role))
            {
                foreach (var account in accounts)
                {
                    var sids = _aws.Role(account, role)?.TrustPolicy.Statements.Select(s => s.Sid).OfType<string>().ToList() ?? [];
                    orphans.AddRange(sids.Where(s => s.StartsWith("IrGrant", StringComparison.Ordinal)).Select(s => $"{account}/{role}/{s}"));
                    foreach (var duplicate in sids.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1))
                    {
                        _duplicates.TryAdd($"{account}/{role}/{duplicate.Key}", "at the end");
                    }
                }
            }
            var notFinal = _grants.Where(g => !IsFinal(g)).ToList();
            var unchecked_ = _grants.Count(g => !g.AfterChecked);
            var expiredLags = _grants.Where(g => g.RevokedAt is null && g.Phase == GrantPhase.Expired && g.SeenAt is not null && g.GoneAt is not null && g.ExpiresAt is not null)
                .Select(g => (g.GoneAt!.Value - g.ExpiresAt!.Value).TotalMilliseconds).ToList();
            var revokeLags = _grants.Where(g => g.RevokedAt is not null && g.SeenAt is not null && g.GoneAt is not null && g.GoneAt > g.RevokedAt && (g.ExpiresAt is null || g.RevokedAt < g.ExpiresAt))
                .Select(g => (g.GoneAt!.Value - g.RevokedAt!.Value).TotalMilliseconds).ToList();
            var phases = _grants.GroupBy(g => g.Phase?.ToString() ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, Namespace);
            var warnings = _replicas.Sum(r => r.Process?.WarningCount ?? 0);

            Console.WriteLine();
            Console.WriteLine("| figure | value | goal |");
            Console.WriteLine("|---|---|---|");
            Row("grants (approved; revoked by annotation)", F($"{_grants.Count} ({_grants.Count(g => g.ApprovedAt is not null)}; {_grants.Count(g => g.RevokedAt is not null)})"), "≥ 200");
            Row("**grants whose access outlived expiresAt (AssumeRole allowed after expiresAt + margin)**", F($"{_outlived.Count} (refused: {_afterRefused})"), "0");
            Row("**sessions from inside the window still working after expiresAt + margin**", F($"{_sessionsOutlived.Count} (cut: {_sessionsCut}; taken inside: {_insideAssumed}, refused inside: {_insideRefused})"), "0");
            Row("**duplicate statements seen in a trust policy (any time)**", F($"{_duplicates.Count}"), "0");
            Row("**grant statements left in a trust policy at the end (orphans)**", F($"{orphans.Count}"), "0");
            Row("**grants not in a final phase at the end**", F($"{notFinal.Count}"), "0");
            Row("final phases", string.Join(", ", phases) + F($" ({_grants.Count(g => g.NeverOpened)} revoked before their window was fixed)"), "");
            if (expiredLags.Count > 0)
            {
                Row(F($"expiry lag, expiresAt to statement gone from IAM (control plane), n={expiredLags.Count}"), F($"p50 {OperatorSide.Percentile(expiredLags, 0.5):F0} ms, p99 {OperatorSide.Percentile(expiredLags, 0.99):F0} ms, max {expiredLags.Max():F0} ms"), "reported");
            }
            if (revokeLags.Count > 0)
            {
                Row(F($"revoke lag, annotation to statement gone, n={revokeLags.Count}"), F($"p50 {OperatorSide.Percentile(revokeLags, 0.5):F0} ms, p99 {OperatorSide.Percentile(revokeLags, 0.99):F0} ms, max {revokeLags.Max():F0} ms"), "reported");
            }
            Row("Kubernetes errors injected (of them 429)", F($"{_kubeFaults} ({_kubeFaults429}); watches opened {_kube.Faults.WatchesOpened}, all cut after {options.WatchDropSeconds} s; {_watchDropsForced} drops of every open watch; {_relistsForced} forced 410s"), "");
            Row("IAM calls throttled (of all IAM calls)", F($"{_aws.Faults.Injected} ({_iamCalls})"), "");
            Row("leader SIGKILLs / API cuts / unplanned exits / process starts", F($"{_kills} / {_cuts} / {_unplannedExits} / {_starts}"), "≥ 2 losses of leadership");
            Row("leadership changes seen (Lease leaseTransitions)", F($"{_leadershipChanges} ({lease.Spec.LeaseTransitions})"), "≥ 2");
            Row("operator Warning/Error log lines", F($"{warnings}"), "");
            Row("wall time", F($"{_clock.Elapsed.TotalSeconds:F0} s"), "");
            Console.WriteLine();
            foreach (var line in _outlived.Concat(_sessionsOutlived).Concat(_duplicates.Select(d => $"duplicate {d.Key} ({d.Value})")).Concat(orphans.Select(o => $"orphan {o}"))
                .Concat(notFinal.Select(g => $"not final: {g.Name} ({g.Phase?.ToString() ?? "no phase"})")).Take(40))
            {
                Console.WriteLine($"  {line}");
            }
            if (unchecked_ > 0)
            {
                Console.WriteLine(F($"  {unchecked_} grants never reached their after-expiry check (no expiresAt seen)"));
            }
            var missed = _outlived.Count + _sessionsOutlived.Count + _duplicates.Count + orphans.Count + notFinal.Count + unchecked_;
            var chaosShort = _leadershipChanges < Math.Min(2, options.Kills + options.Cuts) || _kills + _cuts < options.Kills + options.Cuts;
            Console.WriteLine(missed == 0 && !chaosShort ? "chaos: every goal met" : F($"chaos: FAILED ({missed} goal misses{(chaosShort ? "; fewer leadership changes or faults than planned" : "")})"));
            return missed == 0 && !chaosShort ? 0 : 1;
        }

        private static bool IsFinal(ChaosGrant grant) => grant.Phase is { } phase && FinalPhases.Contains(phase);

        private static void Row(string figure, string value, string goal) => Console.WriteLine($"| {figure} | {value} | {goal} |");

        private void Say(string message)
        {
            var line = F($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {message}");
            _log.Add(line);
            Console.WriteLine(line);
        }

        private async Task<string?> HolderAsync() =>
            (await _client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, Namespace)).Spec.HolderIdentity;

        private async Task<int> ReadyRolesAsync()
        {
            var list = (JsonElement)await _client.CustomObjects.ListClusterCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
            return list.GetProperty("items").EnumerateArray().Count(item =>
                item.TryGetProperty("status", out var status)
                && status.TryGetProperty("conditions", out var conditions)
                && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True"));
        }

        private Task AnnotateAsync(string name, string key, string value)
        {
            var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
            return _client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, name);
        }

        /// <summary>
        /// A create under injected 500s (which the client does not replay, docs/runtime.md): tried again, and an
        /// AlreadyExists after a failed attempt is the earlier attempt having landed.
        /// </summary>
        private static async Task<object> CreateAsync(Func<Task<object>> create, Func<Task<object>>? read = null)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await create();
                }
                catch (HttpOperationException e) when (attempt < 10 && (int)e.Response.StatusCode >= 500)
                {
                    await Task.Delay(100);
                }
                catch (HttpOperationException e) when (attempt > 1 && e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && read is not null)
                {
                    return await read();
                }
            }
        }

        private ResponderRole Role(string name, string[] accounts)
        {
            var role = BenchRoles.Object(0);
            role.Metadata.Name = name;
            role.Spec.Trust = null;
            role.Spec.MaxSessionDuration = "1h";
            role.Spec.BreakGlass = new BreakGlassSpec { Approvers = new Approvers { Users = ["bob"] }, MaxGrantDuration = "4h" };
            role.Spec.Accounts = new AccountSelector { Ids = accounts };
            return role;
        }

        private static BreakGlassGrant Grant(ChaosGrant grant) => new()
        {
            Metadata = new V1ObjectMeta { Name = grant.Name, NamespaceProperty = Namespace },
            Spec = new BreakGlassGrantSpec
            {
                Role = grant.Role,
                PrincipalArn = $"arn:aws:iam::{BenchOrganization.ManagementAccountId}:user/{grant.Responder}",
                RequestedBy = grant.Responder,
                Accounts = grant.Accounts,
                Duration = F($"{grant.Seconds}s"),
                Incident = "INC-CHAOS",
                Reason = "chaos run",
            },
        };

        private static string RoleName(string role) => $"ir-{role}";

        private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Timed out waiting for {what}.");
                }
                await Task.Delay(250);
            }
        }

        private static async Task WaitUntilAsync(Func<bool> condition, DateTime deadline)
        {
            while (!condition() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }

        private static async Task DelayUntilAsync(DateTime at)
        {
            var wait = at - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        private static async Task Pause(int milliseconds, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(milliseconds, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        private static async Task Gated(SemaphoreSlim gate, Func<Task> work)
        {
            await gate.WaitAsync();
            try
            {
                await work();
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>A responder's session, to sign IAM calls with it.</summary>
    private sealed class SessionCredentials(Credentials session) : IAwsCredentialSource
    {
        public string Description => "responder session";

        public Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new ImmutableCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken));
    }
}
