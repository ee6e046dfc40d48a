using System.Net;
using System.Text.Json.Nodes;
using Amazon.SecurityToken.Model;
using IrOperator.Controllers.Grants;
using IrOperator.Resources;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Sandbox.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// The sandbox's <c>--scenario</c>: one break-glass grant from request to expiry, told as a timeline
/// (docs/walkthrough.md is the same story by hand). alice and bob act through the Kubernetes API with their own
/// kubeconfig contexts, so RBAC decides for them exactly as for kubectl; alice calls STS with her keys from the
/// sandbox's AWS credentials file. The operator and both emulators share a <see cref="SandboxClock"/>: once
/// alice has used her session, the clock skips to just before the grant's end, so the story takes seconds, not
/// the grant's minute, and AWS still decides the end by its own time conditions.
/// </summary>
public sealed class GrantScenario : IAsyncDisposable
{
    public const string Namespace = "incident-response";
    public const string RoleName = "forensic-investigator";
    public const string IamRoleName = "ir-forensic-investigator";
    public const string Requester = "alice";
    public const string Approver = "bob";

    /// <summary>The shortest grant the schema allows (docs/grants.md).</summary>
    public const string Duration = "1m";

    private const string Incident = "INC-0001";

    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(40);

    /// <summary>How much real time the expiry is left to arrive by itself after the skip.</summary>
    private static readonly TimeSpan LeadBeforeExpiry = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for the ApprovalIgnored Event when injected API errors may have refused it.</summary>
    private static readonly TimeSpan EventGrace = TimeSpan.FromSeconds(6);

    private readonly ScenarioTimeline _timeline;
    private readonly SandboxClock _clock;
    private readonly Kubernetes _admin;
    private readonly Kubernetes _alice;
    private readonly Kubernetes _bob;
    private readonly ScenarioAws _aws;
    private readonly GrantEventFeed _feed;
    private readonly bool _kubeFaults;
    private bool _selfApprovalRefused;
    private readonly Dictionary<string, string> _adminProfiles;
    private Credentials? _session;

    public GrantScenario(SandboxHost host, SandboxClock clock, ScenarioTimeline timeline, FaultSpec faults)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(faults);
        _timeline = timeline;
        _clock = clock;
        _admin = Client(host.KubeconfigPath, "admin");
        _alice = Client(host.KubeconfigPath, Requester);
        _bob = Client(host.KubeconfigPath, Approver);
        _aws = new ScenarioAws(host.Aws.Emulator.Endpoint, host.Aws.Files.CredentialsFile, Requester);
        _kubeFaults = faults.KubeErrorRate > 0 || faults.KubeWatchDrop is not null;
        // The sandbox's AWS profiles: admin-<account name> per account (AwsSandboxFileWriter).
        _adminProfiles = host.Aws.Emulator.Organization.Accounts.ToDictionary(a => a.Id, a => "admin-" + a.Name, StringComparer.Ordinal);
        GrantName = $"alice-scenario-{Guid.NewGuid():N}"[..20];
        _feed = new GrantEventFeed(_admin, Namespace, GrantName, timeline);
    }

    /// <summary>The grant alice requests (unique per run).</summary>
    public string GrantName { get; }

    /// <summary>The accounts alice asks for: prod and dev, every account of the role.</summary>
    public static IReadOnlyList<string> Accounts { get; } = [SampleOrganization.ProdAccountId, SampleOrganization.DevAccountId];

    /// <summary>alice's IAM user in the security-tooling account: the principal the grant names.</summary>
    public static string PrincipalArn => $"arn:aws:iam::{SampleOrganization.SecurityToolingAccountId}:user/{Requester}";

    public static string RoleArn(string account) => $"arn:aws:iam::{account}:role/incident-response/{IamRoleName}";

    /// <summary>Runs the story on a started sandbox (operator running, examples applied).</summary>
    public static async Task<ScenarioResult> RunAsync(SandboxHost host, SandboxClock clock, ScenarioTimeline timeline, FaultSpec faults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        await using var scenario = new GrantScenario(host, clock, timeline, faults);
        scenario._feed.Start();
        return await new ScenarioRunner(timeline).RunAsync(scenario.Steps(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The steps, in order; their names are what a failure is reported by.</summary>
    public IReadOnlyList<ScenarioStep> Steps() =>
    [
        new("roles-ready", $"the break-glass ResponderRole {RoleName} is provisioned, dormant, in prod and dev", StartupDeadline, RolesReadyAsync),
        new("request", $"alice asks for {Duration} of {RoleName} in prod and dev (her kubeconfig context)", StepDeadline, RequestAsync),
        new("refused-before-approval", "nothing is open yet: alice's AssumeRole is refused", StepDeadline, RefusedBeforeApprovalAsync),
        new("status-forbidden", "alice cannot mark her grant Active herself: RBAC keeps status to the operator", StepDeadline, StatusForbiddenAsync),
        new("self-approval", "alice approves her own grant: the approval admission policy refuses it (and the operator would not count it)", StepDeadline, SelfApprovalAsync),
        new("approval", "bob approves (his kubeconfig context)", StepDeadline, ApprovalAsync),
        new("activation", "the operator opens the role in each account and reads it back", StepDeadline, ActivationAsync),
        new("assume-role", "alice assumes the role with her source identity, in each account", StepDeadline, AssumeRoleAsync),
        new("no-source-identity", "without her source identity she is refused", StepDeadline, NoSourceIdentityAsync),
        new("use-session", "alice uses the session", StepDeadline, UseSessionAsync),
        new("expiry", "the grant's time runs out", StepDeadline, ExpiryAsync),
        new("session-refused", "the same session is refused now: the end-of-access deny", StepDeadline, SessionRefusedAsync),
        new("assume-role-refused", "a new AssumeRole is refused: the trust statement's window is over", StepDeadline, AssumeRoleRefusedAsync),
        new("cleanup", "the operator removes the trust statement from each account", StepDeadline, CleanupAsync),
    ];

    public async ValueTask DisposeAsync()
    {
        await _feed.DisposeAsync().ConfigureAwait(false);
        _aws.Dispose();
        _admin.Dispose();
        _alice.Dispose();
        _bob.Dispose();
    }

    private async Task RolesReadyAsync(CancellationToken cancellationToken)
    {
        ResponderRole? last = null;
        var role = await UntilAsync(
            async ct =>
            {
                last = await _admin.CustomObjects.GetClusterCustomObjectAsync<ResponderRole>(
                    IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, RoleName, cancellationToken: ct).ConfigureAwait(false);
                return Accounts.All(a => last.Status?.Accounts?.Any(s => s.AccountId == a && s.State == RoleAccountState.Ready) == true) ? last : null;
            },
            () => $"ResponderRole {RoleName}: {(last?.Status?.Accounts is { } accounts ? string.Join(", ", accounts.Select(a => $"{a.AccountId} {a.State} {a.Message}")) : "no status yet")}",
            cancellationToken).ConfigureAwait(false);
        foreach (var account in role.Status!.Accounts!.Where(a => Accounts.Contains(a.AccountId)))
        {
            _timeline.Kube($"ResponderRole {RoleName} in {account.AccountId}: {account.State}, {account.RoleArn}");
        }
    }

    private async Task RequestAsync(CancellationToken cancellationToken)
    {
        var review = await KubeRetry.RunAsync(_timeline, Requester,
            ct => _alice.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview(), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        var user = review.Status?.UserInfo;
        _timeline.Kube($"the API server sees context alice as user {user?.Username} in groups {string.Join(", ", user?.Groups ?? [])}");

        var grant = new BreakGlassGrant
        {
            Metadata = new V1ObjectMeta { Name = GrantName, NamespaceProperty = Namespace },
            Spec = new BreakGlassGrantSpec
            {
                Role = RoleName,
                PrincipalArn = PrincipalArn,
                RequestedBy = Requester,
                Accounts = [.. Accounts],
                Duration = Duration,
                Incident = Incident,
                Reason = "sandbox scenario: one grant from request to expiry",
            },
        };
        try
        {
            await KubeRetry.RunAsync(_timeline, Requester,
                ct => _alice.CustomObjects.CreateNamespacedCustomObjectAsync(grant, IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // The name is this run's own: an earlier attempt landed although its answer was an injected error.
        }
        _timeline.Kube($"alice created BreakGlassGrant {Namespace}/{GrantName}: {RoleName} for {Duration} in {string.Join(", ", Accounts)} as {PrincipalArn}, incident {Incident}");
        await UntilGrantAsync(g => g.Status?.Phase == GrantPhase.Pending, "phase Pending (the operator has seen the request)", cancellationToken).ConfigureAwait(false);
    }

    private async Task RefusedBeforeApprovalAsync(CancellationToken cancellationToken) =>
        await ExpectAssumeRefusedAsync(SampleOrganization.ProdAccountId, Requester, "before any approval", cancellationToken).ConfigureAwait(false);

    private async Task StatusForbiddenAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["status"] = new JsonObject { ["phase"] = nameof(GrantPhase.Active) } };
        try
        {
            await KubeRetry.RunAsync(_timeline, Requester,
                ct => _alice.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
                    IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, GrantName, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            _timeline.Kube($"alice: patch breakglassgrants/status {GrantName} -> 403 Forbidden ({Reason(e)})");
            return;
        }
        throw new ScenarioException("alice could write the grant's status: the sandbox's RBAC must keep status to the operator");
    }

    private async Task SelfApprovalAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AnnotateAsync(_alice, Requester, IrOperatorApi.ApprovalAnnotationPrefix + Requester, Requester, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity)
        {
            // With the approval admission policy installed (docs/approvals.md) the API server refuses it outright.
            _timeline.Kube($"alice: the API server refused her own approval: {(int)e.Response.StatusCode} {Reason(e)}");
            _selfApprovalRefused = true;
            return;
        }
        _timeline.Kube($"alice annotated {GrantName} with {IrOperatorApi.ApprovalAnnotationPrefix}{Requester}={Requester}");
        bool Ignored() => _feed.Saw(GrantReasons.ApprovalIgnored, e => e.Message?.Contains(Requester, StringComparison.Ordinal) == true);
        if (!_kubeFaults)
        {
            await UntilAsync(_ => Task.FromResult(Ignored() ? this : null), () => "no ApprovalIgnored Event on the grant", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Events are best-effort: an injected API error can refuse the Event itself (docs/grants.md). The record
            // that counts is status, checked again in the next step: bob's approval is the only one listed.
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(EventGrace);
            try
            {
                await UntilAsync(_ => Task.FromResult(Ignored() ? this : null), () => "", grace.Token).ConfigureAwait(false);
            }
            catch (ScenarioException) when (!cancellationToken.IsCancellationRequested)
            {
                _timeline.Note($"no ApprovalIgnored Event within {EventGrace.TotalSeconds:0}s (the injected API errors may have refused it); status decides in the next step");
            }
        }
        var grant = _feed.Grant;
        if (grant?.Status?.Phase != GrantPhase.Pending || grant.Status.Approvals is { Count: > 0 })
        {
            throw new ScenarioException($"alice's own approval counted: phase {grant?.Status?.Phase}, approvals {Approvals(grant)}");
        }
    }

    private async Task ApprovalAsync(CancellationToken cancellationToken)
    {
        await AnnotateAsync(_bob, Approver, IrOperatorApi.ApprovalAnnotationPrefix + Approver, Approver, cancellationToken).ConfigureAwait(false);
        _timeline.Kube($"bob annotated {GrantName} with {IrOperatorApi.ApprovalAnnotationPrefix}{Approver}={Approver}");
        var grant = await UntilGrantAsync(g => g.Status?.Phase is GrantPhase.Approved or GrantPhase.Active, "phase Approved", cancellationToken).ConfigureAwait(false);
        var approvals = grant.Status!.Approvals ?? [];
        if (approvals.Count != 1 || approvals[0].By != Approver)
        {
            throw new ScenarioException($"expected bob's approval alone; status lists {Approvals(grant)}");
        }
        var selfApproval = _selfApprovalRefused ? "alice's own was refused at admission" : "alice's own approval, still on the grant, is not counted";
        _timeline.Kube($"approvals: {Approvals(grant)} ({selfApproval}); window {grant.Status.ActivatedAt:HH:mm:ss}Z to {grant.Status.ExpiresAt:HH:mm:ss}Z");
    }

    private async Task ActivationAsync(CancellationToken cancellationToken)
    {
        var grant = await UntilGrantAsync(
            g => g.Status?.Phase == GrantPhase.Active && Accounts.All(a => g.Status.Accounts?.Any(s => s.AccountId == a && s.State == GrantAccountState.Active) == true),
            "phase Active with the statement visible in every account", cancellationToken).ConfigureAwait(false);
        foreach (var account in grant.Status!.Accounts!)
        {
            _timeline.Kube($"{account.AccountId}: {account.AssumeRoleCommand}");
        }
        await ShowTrustAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What IAM holds, as each account's administrator reads it: the trust policy's statements.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ShowTrustAsync(CancellationToken cancellationToken)
    {
        var sids = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var account in Accounts)
        {
            var profile = _adminProfiles[account];
            sids[account] = await _aws.TrustSidsAsync(account, IamRoleName, profile, cancellationToken).ConfigureAwait(false);
            _timeline.Aws($"{profile}: iam:GetRole {IamRoleName} -> trust policy statements {string.Join(", ", sids[account].Order(StringComparer.Ordinal))}");
        }
        return sids;
    }

    private async Task AssumeRoleAsync(CancellationToken cancellationToken)
    {
        // No wait: the trust statement allows from the second of activatedAt on (DateGreaterThanEquals, docs/grants.md,
        // "Whole seconds"), and activatedAt is the approval time rounded down, so it has always begun.
        foreach (var account in Accounts)
        {
            var answer = await _aws.AssumeRoleAsync(RoleArn(account), Requester, Requester, cancellationToken).ConfigureAwait(false);
            if (answer.Session is null)
            {
                throw new ScenarioException($"AssumeRole in {account} with source identity {Requester} was refused: {answer.ErrorCode}: {answer.Message}");
            }
            _timeline.Aws($"alice: sts:AssumeRole {RoleArn(account)} --source-identity {Requester} -> {answer.AssumedRoleArn}, expires {answer.Session.Expiration:HH:mm:ss}Z");
            if (account == SampleOrganization.ProdAccountId)
            {
                _session = answer.Session;
            }
        }
    }

    private async Task NoSourceIdentityAsync(CancellationToken cancellationToken)
    {
        var answer = await _aws.AssumeRoleAsync(RoleArn(SampleOrganization.ProdAccountId), Requester, null, cancellationToken).ConfigureAwait(false);
        ExpectDenied(answer, $"AssumeRole in {SampleOrganization.ProdAccountId} without a source identity");
        _timeline.Aws($"alice: sts:AssumeRole {RoleArn(SampleOrganization.ProdAccountId)} (no --source-identity) -> {answer.ErrorCode}: {answer.Message}");
    }

    private async Task UseSessionAsync(CancellationToken cancellationToken)
    {
        var session = _session ?? throw new ScenarioException("no session from the assume-role step");
        var caller = await _aws.CallerArnAsync(session, cancellationToken).ConfigureAwait(false);
        _timeline.Aws($"alice's session: sts:GetCallerIdentity -> {caller}");
        var answer = await _aws.GetRoleAsync(session, SampleOrganization.ProdAccountId, IamRoleName, cancellationToken).ConfigureAwait(false);
        if (answer.RoleArn is null)
        {
            throw new ScenarioException($"the session could not read the role (iam:GetRole): {answer.ErrorCode}: {answer.Message}");
        }
        _timeline.Aws($"alice's session: iam:GetRole {IamRoleName} -> {answer.RoleArn}");
    }

    private async Task ExpiryAsync(CancellationToken cancellationToken)
    {
        var expiresAt = ExpiresAt();
        var skip = expiresAt - LeadBeforeExpiry - _clock.GetUtcNow();
        if (skip > TimeSpan.Zero)
        {
            _clock.SkipAhead(skip);
            _timeline.Clock($"skipped {skip.TotalSeconds:0.0}s ahead to {LeadBeforeExpiry.TotalSeconds:0}s before expiresAt {expiresAt:HH:mm:ss}Z (the operator, Kubernetes and AWS share this clock)");
        }
        var grant = await UntilGrantAsync(g => g.Status?.Phase == GrantPhase.Expired, $"phase Expired after {expiresAt:HH:mm:ss}Z", cancellationToken).ConfigureAwait(false);
        _timeline.Kube($"ended at {grant.Status!.EndedAt:HH:mm:ss}Z ({_timeline.Stamp(expiresAt)} on the timeline)");
    }

    private async Task SessionRefusedAsync(CancellationToken cancellationToken)
    {
        var session = _session ?? throw new ScenarioException("no session from the assume-role step");
        // No wait: the phase is Expired, so expiresAt has come, and the deny holds from the second of the end on
        // (DateGreaterThanEquals, docs/grants.md, "Whole seconds").
        var answer = await _aws.GetRoleAsync(session, SampleOrganization.ProdAccountId, IamRoleName, cancellationToken).ConfigureAwait(false);
        if (answer.RoleArn is not null || answer.ErrorCode?.StartsWith("AccessDenied", StringComparison.Ordinal) != true)
        {
            throw new ScenarioException($"the session issued inside the window still reads the role after expiresAt: {answer.RoleArn ?? answer.ErrorCode}");
        }
        _timeline.Aws($"alice's session: iam:GetRole {IamRoleName} -> {answer.ErrorCode}: {answer.Message}");
    }

    private Task AssumeRoleRefusedAsync(CancellationToken cancellationToken) =>
        ExpectAssumeRefusedAsync(SampleOrganization.ProdAccountId, Requester, "after expiresAt", cancellationToken);

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        await UntilGrantAsync(
            g => Accounts.All(a => g.Status?.Accounts?.Any(s => s.AccountId == a && s.State == GrantAccountState.Removed) == true),
            "every account Removed (the statement gone from IAM)", cancellationToken).ConfigureAwait(false);
        var left = (await ShowTrustAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => a.Value.Any(sid => sid.StartsWith("IrGrant", StringComparison.Ordinal))).Select(a => a.Key).ToList();
        if (left.Count > 0)
        {
            throw new ScenarioException($"status says Removed but IAM still holds a grant statement in {string.Join(", ", left)}");
        }
    }

    private DateTimeOffset ExpiresAt() => _feed.Grant?.Status?.ExpiresAt is { } at
        ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
        : throw new ScenarioException("the grant has no expiresAt");

    private async Task ExpectAssumeRefusedAsync(string account, string sourceIdentity, string when, CancellationToken cancellationToken)
    {
        var answer = await _aws.AssumeRoleAsync(RoleArn(account), Requester, sourceIdentity, cancellationToken).ConfigureAwait(false);
        ExpectDenied(answer, $"AssumeRole in {account} {when}");
        _timeline.Aws($"alice: sts:AssumeRole {RoleArn(account)} --source-identity {sourceIdentity} -> {answer.ErrorCode}: {answer.Message}");
    }

    private static void ExpectDenied(StsAnswer answer, string what)
    {
        if (answer.Session is not null)
        {
            throw new ScenarioException($"{what} was allowed ({answer.AssumedRoleArn}); it must be refused");
        }
        if (answer.ErrorCode != "AccessDenied")
        {
            throw new ScenarioException($"{what} failed with {answer.ErrorCode} ({answer.Message}), not AccessDenied");
        }
    }

    private Task AnnotateAsync(Kubernetes client, string who, string key, string value, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        return KubeRetry.RunAsync(_timeline, who,
            ct => client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
                IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, GrantName, cancellationToken: ct),
            cancellationToken);
    }

    /// <summary>Waits until the narrator's copy of the grant satisfies <paramref name="condition"/>.</summary>
    private Task<BreakGlassGrant> UntilGrantAsync(Func<BreakGlassGrant, bool> condition, string expectation, CancellationToken cancellationToken) =>
        UntilAsync(
            _ => Task.FromResult(_feed.Grant is { } g && condition(g) ? g : null),
            () => $"expected {expectation}; last seen: {Summary(_feed.Grant)}",
            cancellationToken);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value; when the step's deadline cancels the wait, fails with
    /// <paramref name="lastSeen"/> so the report says what was there instead. Injected API errors count as "not yet".
    /// </summary>
    private static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T?>> probe, Func<string> lastSeen, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            while (true)
            {
                try
                {
                    if (await probe(cancellationToken).ConfigureAwait(false) is { } value)
                    {
                        return value;
                    }
                }
                catch (Exception e) when (KubeRetry.IsTransient(e) || e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound })
                {
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new ScenarioException(lastSeen());
        }
    }

    private static string Summary(BreakGlassGrant? grant)
    {
        if (grant?.Status is not { } status)
        {
            return grant is null ? "no grant" : "no status yet";
        }
        var accounts = string.Join(", ", (status.Accounts ?? []).Select(a => $"{a.AccountId} {a.State}{(a.Message is null ? "" : $" ({a.Message})")}"));
        var conditions = string.Join("; ", (status.Conditions ?? []).Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"));
        return $"phase {status.Phase}; accounts [{accounts}]; conditions [{conditions}]";
    }

    private static string Approvals(BreakGlassGrant? grant) =>
        grant?.Status?.Approvals is { Count: > 0 } approvals ? string.Join(", ", approvals.Select(a => a.By)) : "none";

    private static string Reason(HttpOperationException e)
    {
        try
        {
            return JsonNode.Parse(e.Response.Content)?["message"]?.GetValue<string>() ?? e.Response.ReasonPhrase ?? "";
        }
        catch (System.Text.Json.JsonException)
        {
            return e.Response.Content ?? "";
        }
    }

    private static Kubernetes Client(string kubeconfig, string context) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, currentContext: context));
}
