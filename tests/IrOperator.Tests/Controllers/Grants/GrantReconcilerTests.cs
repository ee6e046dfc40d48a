using IrOperator.Controllers.Grants;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// The grant _controller against the Kubernetes emulator over HTTPS: status, events, audit lines, finalizer.
/// The role's apply path is not part of this test: its reports to the _ledger are made by the test, as the
/// ResponderRole _controller makes them (the end-to-end tests through IAM and STS need both controllers).
/// </summary>
public sealed class GrantReconcilerTests(KubeEmulatorFixture kube) : IClassFixture<KubeEmulatorFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _ns = $"grants-{Guid.NewGuid():N}"[..20];
    private readonly GrantAccessLedger _ledger = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ListSink _sink = new();
    private GrantTermController? _controller;
    private Task? _run;

    public async Task InitializeAsync()
    {
        await kube.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_sink).CreateLogger();
        var client = kube.Admin;
        var time = TimeProvider.System;
        var context = new OperatorContext(client, time, new StatusWriter(client, log), new Finalizers(client, log),
            new EventRecorder(client, time, "iroperator", "test", log), new ControllerOptions { Workers = 2 }, log);
        var role = Role();
        role.Status = new ResponderRoleStatus { Accounts = [new RoleAccountStatus { AccountId = Prod, RoleArn = "arn:aws:iam::333333333333:role/incident-response/ir-forensics" }] };
        var inputs = new GrantInputs(name => name == "forensics" ? role : null, _ => Task.FromResult<IReadOnlySet<string>?>(Organization));
        var informer = new Informer<BreakGlassGrant>(client, GrantController.Kind, time, new InformerOptions { Namespace = _ns }, log);
        _controller = GrantController.Create(context, informer, inputs, _ledger, new GrantOptions());
        _run = _controller.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Deadline);
        }
        _controller?.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task A_grant_goes_from_request_to_active_and_is_cleaned_after_a_revoke()
    {
        var grant = Grant(name: "alice-1");
        grant.Metadata.NamespaceProperty = _ns;
        grant.Metadata.Uid = null;
        grant.Metadata.Annotations = null;
        var created = await kube.Admin.CustomObjects.CreateNamespacedCustomObjectAsync<BreakGlassGrant>(grant, IrOperatorApi.Group, IrOperatorApi.Version, _ns, IrOperatorApi.BreakGlassGrantPlural);
        var uid = created.Metadata.Uid;

        var pending = await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Pending);
        pending.Metadata.Finalizers.Should().Contain(IrOperatorApi.Finalizer);
        pending.Status!.SourceIdentity.Should().Be("alice");

        await AnnotateAsync("alice-1", "approval.iroperator.io/mallory", "mallory");
        await AnnotateAsync("alice-1", "approval.iroperator.io/bob", "bob");
        var approved = await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Approved);
        approved.Status!.Approvals.Should().ContainSingle().Which.By.Should().Be("bob");
        approved.Status.ExpiresAt.Should().Be(approved.Status.ActivatedAt!.Value.AddHours(2));
        approved.Status.Accounts!.Single().AssumeRoleCommand.Should().Contain("--source-identity alice");

        var sid = new IrOperator.Iam.Desired.GrantTrust(uid, Principal, "alice", default, default).Sid;
        _ledger.Report("forensics", Prod, new RoleApplyReport(new HashSet<string>(), new HashSet<string> { sid }, []));
        (await StatusAsync("alice-1", g => g.Status?.Accounts?.Single().State == GrantAccountState.Written)).Status!.Phase.Should().Be(GrantPhase.Approved);
        _ledger.Report("forensics", Prod, new RoleApplyReport(new HashSet<string> { sid }, new HashSet<string>(), []));
        await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Active);

        await AnnotateAsync("alice-1", IrOperatorApi.RevokeAnnotation, "contained");
        var revoked = await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Revoked);
        revoked.Status!.Accounts!.Single().State.Should().Be(GrantAccountState.Removing, "the statement is still visible");
        revoked.Metadata.Finalizers.Should().Contain(IrOperatorApi.Finalizer);

        _ledger.Report("forensics", Prod, new RoleApplyReport(new HashSet<string>(), new HashSet<string>(), []));
        var cleaned = await StatusAsync("alice-1", g => g.Status?.Accounts?.Single().State == GrantAccountState.Removed);
        cleaned.Status!.EndedAt.Should().BeBefore(cleaned.Status.ExpiresAt!.Value);
        cleaned.Metadata.Finalizers.Should().Contain(IrOperatorApi.Finalizer,
            "the requester's end-of-access deny is computed from this grant and must outlive it by the role's maxSessionDuration (1h)");

        var decisionsBefore = Decisions("alice-1");
        await kube.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, _ns, IrOperatorApi.BreakGlassGrantPlural, "alice-1");
        // The _controller has looked at the deleted grant (a decision logged after the delete, and no reconcile
        // running any more), and the grant is still there, held by its finalizer.
        await Eventually.HoldsAsync(() => Decisions("alice-1") > decisionsBefore && _controller!.Controller.Queue.LongestRunning == TimeSpan.Zero, Deadline);
        var terminating = await kube.Admin.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(IrOperatorApi.Group, IrOperatorApi.Version, _ns, IrOperatorApi.BreakGlassGrantPlural, "alice-1");
        terminating.Metadata.DeletionTimestamp.Should().NotBeNull();
        terminating.Metadata.Finalizers.Should().Contain(IrOperatorApi.Finalizer);
        terminating.Status!.Phase.Should().Be(GrantPhase.Revoked);

        var reasons = await ReasonsAsync("alice-1");
        reasons.Should().Contain([GrantReasons.Requested, GrantReasons.ApprovalIgnored, GrantReasons.Approved, GrantReasons.Activated, GrantReasons.Revoked, GrantReasons.Cleaned]);
        var audit = _sink.Events.Where(e => e.Properties.ContainsKey("BreakGlass")).Select(e => e.Properties["BreakGlass"].ToString()).ToList();
        audit.Should().Contain(line => line.Contains("\"Activated\"") && line.Contains("\"bob\"") && line.Contains("INC-4711"));
    }

    [Fact]
    public async Task An_invalid_grant_is_denied_with_a_warning_naming_the_field()
    {
        var grant = Grant(s => s.Accounts = ["555555555555"], name: "alice-2");
        grant.Metadata.NamespaceProperty = _ns;
        grant.Metadata.Uid = null;
        grant.Metadata.Annotations = null;
        await kube.Admin.CustomObjects.CreateNamespacedCustomObjectAsync<BreakGlassGrant>(grant, IrOperatorApi.Group, IrOperatorApi.Version, _ns, IrOperatorApi.BreakGlassGrantPlural);
        var denied = await StatusAsync("alice-2", g => g.Status?.Phase == GrantPhase.Denied && g.Metadata.Finalizers is null or { Count: 0 });
        Conditions.Find(denied.Status!.Conditions, GrantConditions.Approved)!.Message.Should().StartWith("spec.accounts: 555555555555");
        var events = await kube.Admin.CoreV1.ListNamespacedEventAsync(_ns);
        events.Items.Should().Contain(e => e.InvolvedObject.Name == "alice-2" && e.Reason == GrantReasons.Denied && e.Type == "Warning" && e.Message.StartsWith("spec.accounts"));
    }

    [Fact]
    public async Task The_finalizer_is_released_and_the_deny_pruned_once_the_roles_max_session_has_passed_after_the_end()
    {
        // Its own namespace, controller and ledger on a fake clock: the hold is the role's maxSessionDuration (1h).
        var ns = $"hold-{Guid.NewGuid():N}"[..16];
        await kube.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ledger = new GrantAccessLedger();
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_sink).CreateLogger();
        var client = kube.Admin;
        var context = new OperatorContext(client, clock, new StatusWriter(client, log), new Finalizers(client, log),
            new EventRecorder(client, clock, "iroperator", "hold", log), new ControllerOptions { Workers = 1 }, log);
        var role = Role();
        role.Spec.MaxSessionDuration = "1h";
        role.Status = new ResponderRoleStatus { Accounts = [new RoleAccountStatus { AccountId = Prod, RoleArn = "arn:aws:iam::333333333333:role/incident-response/ir-forensics" }] };
        var inputs = new GrantInputs(name => name == "forensics" ? role : null, _ => Task.FromResult<IReadOnlySet<string>?>(Organization));
        var informer = new Informer<BreakGlassGrant>(client, GrantController.Kind, clock, new InformerOptions { Namespace = ns }, log);
        using var controller = GrantController.Create(context, informer, inputs, ledger, new GrantOptions());
        using var stop = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token);
        try
        {
            var grant = Grant(name: "alice-held");
            grant.Metadata.NamespaceProperty = ns;
            grant.Metadata.Uid = null;
            grant.Metadata.Annotations = null;
            var uid = (await client.CustomObjects.CreateNamespacedCustomObjectAsync<BreakGlassGrant>(grant, IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural)).Metadata.Uid;
            var sid = new IrOperator.Iam.Desired.GrantTrust(uid, Principal, "alice", default, default).Sid;
            await GrantApi.AnnotateAsync(client, ns, "alice-held", "approval.iroperator.io/bob", "bob");
            await GrantApi.WaitForAsync(client, ns, "alice-held", g => g.Status?.Phase == GrantPhase.Approved, Deadline);
            ledger.Report("forensics", Prod, new RoleApplyReport(new HashSet<string> { sid }, new HashSet<string>(), []));
            await GrantApi.WaitForAsync(client, ns, "alice-held", g => g.Status?.Phase == GrantPhase.Active, Deadline);
            clock.Advance(TimeSpan.FromMinutes(10));
            await GrantApi.AnnotateAsync(client, ns, "alice-held", IrOperatorApi.RevokeAnnotation, "contained");
            await GrantApi.WaitForAsync(client, ns, "alice-held", g => g.Status?.Phase == GrantPhase.Revoked, Deadline);
            ledger.Report("forensics", Prod, new RoleApplyReport(new HashSet<string>(), new HashSet<string>(), []));
            var cleaned = await GrantApi.WaitForAsync(client, ns, "alice-held", g => g.Status?.Accounts?.Single().State == GrantAccountState.Removed, Deadline);
            var end = RoleGrantAccessBuilder.EndOf(cleaned)!.Value;

            // Held: the finalizer stays, and the requester's deny is still part of the role, until end + 1h.
            var key = new ObjectKey(ns, "alice-held");
            await Eventually.HoldsAsync(() => controller.Controller.Queue.ScheduledAt(key) is { } due && due <= end + TimeSpan.FromHours(1)
                && controller.Controller.Queue.Depth == 0 && controller.Controller.Queue.LongestRunning == TimeSpan.Zero, Deadline,
                () => $"requeue at {controller.Controller.Queue.ScheduledAt(key)}, end {end}");
            (await GrantApi.WaitForAsync(client, ns, "alice-held", _ => true, Deadline)).Metadata.Finalizers.Should().Contain(IrOperatorApi.Finalizer);
            RoleGrantAccessBuilder.Build(role, Prod, [cleaned], clock.GetUtcNow(), new IrOperator.Iam.Desired.DesiredRoleOptions()).Access.Ends
                .Should().ContainSingle().Which.End.Should().Be(end);

            clock.Advance(end + TimeSpan.FromHours(1) - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            var released = await GrantApi.WaitForAsync(client, ns, "alice-held", g => g.Metadata.Finalizers is null or { Count: 0 }, Deadline);
            released.Status!.Phase.Should().Be(GrantPhase.Revoked, "released, not deleted: the retention has not passed");
            RoleGrantAccessBuilder.Build(role, Prod, [released], clock.GetUtcNow(), new IrOperator.Iam.Desired.DesiredRoleOptions()).Access.Ends
                .Should().BeEmpty("the deny is pruned: no session issued before the end can still be alive");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Deadline);
        }
        ledger.Subscribers.Should().Be(0, "the subscription ended with the controller's run");
    }

    [Fact]
    public async Task A_grant_deleted_at_the_end_of_its_retention_has_its_status_written_once_while_its_finalizer_holds_it()
    {
        // Its own namespace and controller on a fake clock, with a client that counts status writes: the retention
        // (5m) ends while the finalizer still holds the grant for its requester's deny (maxSessionDuration 1h).
        var ns = $"churn-{Guid.NewGuid():N}"[..16];
        await kube.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ledger = new GrantAccessLedger();
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_sink).CreateLogger();
        using var writes = new StatusWrites();
        using var client = new Kubernetes(kube.Emulator.ClientConfiguration(), writes);
        var context = new OperatorContext(client, clock, new StatusWriter(client, log), new Finalizers(client, log),
            new EventRecorder(client, clock, "iroperator", "churn", log), new ControllerOptions { Workers = 1 }, log);
        var role = Role();
        role.Spec.MaxSessionDuration = "1h";
        role.Status = new ResponderRoleStatus { Accounts = [new RoleAccountStatus { AccountId = Prod, RoleArn = "arn:aws:iam::333333333333:role/incident-response/ir-forensics" }] };
        var inputs = new GrantInputs(name => name == "forensics" ? role : null, _ => Task.FromResult<IReadOnlySet<string>?>(Organization));
        var informer = new Informer<BreakGlassGrant>(client, GrantController.Kind, clock, new InformerOptions { Namespace = ns }, log);
        using var controller = GrantController.Create(context, informer, inputs, ledger, new GrantOptions { Retention = TimeSpan.FromMinutes(5) });
        using var stop = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token);
        try
        {
            var grant = Grant(name: "alice-retained");
            grant.Metadata.NamespaceProperty = ns;
            grant.Metadata.Uid = null;
            grant.Metadata.Annotations = null;
            var uid = (await kube.Admin.CustomObjects.CreateNamespacedCustomObjectAsync<BreakGlassGrant>(grant, IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural)).Metadata.Uid;
            var sid = new IrOperator.Iam.Desired.GrantTrust(uid, Principal, "alice", default, default).Sid;
            await GrantApi.AnnotateAsync(kube.Admin, ns, "alice-retained", "approval.iroperator.io/bob", "bob");
            await GrantApi.WaitForAsync(kube.Admin, ns, "alice-retained", g => g.Status?.Phase == GrantPhase.Approved, Deadline);
            ledger.Report("forensics", Prod, new RoleApplyReport(new HashSet<string> { sid }, new HashSet<string>(), []));
            await GrantApi.WaitForAsync(kube.Admin, ns, "alice-retained", g => g.Status?.Phase == GrantPhase.Active, Deadline);
            await GrantApi.AnnotateAsync(kube.Admin, ns, "alice-retained", IrOperatorApi.RevokeAnnotation, "contained");
            await GrantApi.WaitForAsync(kube.Admin, ns, "alice-retained", g => g.Status?.Phase == GrantPhase.Revoked, Deadline);
            ledger.Report("forensics", Prod, new RoleApplyReport(new HashSet<string>(), new HashSet<string>(), []));
            var cleaned = await GrantApi.WaitForAsync(kube.Admin, ns, "alice-retained", g => g.Status?.Accounts?.Single().State == GrantAccountState.Removed, Deadline);
            var end = RoleGrantAccessBuilder.EndOf(cleaned)!.Value;
            var key = new ObjectKey(ns, "alice-retained");
            await Eventually.HoldsAsync(() => controller.Controller.Queue.ScheduledAt(key) is not null && controller.Controller.Queue.Depth == 0
                && controller.Controller.Queue.LongestRunning == TimeSpan.Zero, Deadline, () => "the controller did not settle after the cleanup");

            // The retention ends: the controller records it and deletes the grant, which the finalizer holds.
            var before = writes.Count;
            clock.Advance(end + TimeSpan.FromMinutes(5) - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            var deleted = await GrantApi.WaitForAsync(kube.Admin, ns, "alice-retained", g => g.Metadata.DeletionTimestamp is not null
                && Conditions.Find(g.Status?.Conditions, GrantConditions.Active)?.Reason == GrantReasons.RetentionEnded, Deadline);
            Conditions.Find(deleted.Status!.Conditions, GrantConditions.Active)!.Message.Should().Contain("deleted after the retention of 5m")
                .And.NotContain("retention of 5m; deleted", "the retention is recorded once");

            // Then the deny's hold ends, the finalizer goes and with it the grant.
            clock.Advance(end + TimeSpan.FromHours(1) - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    await kube.Admin.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural, "alice-retained");
                    return false;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return true;
                }
            }, Deadline, () => "the grant is still there");

            // One write for RetentionEnded, at most one more for observedGeneration after the deletion bumped the generation.
            (writes.Count - before).Should().BeInRange(1, 2, "the status is written once per real change, not in a loop between deletion and the finished rule");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Deadline);
        }
    }

    private int Decisions(string name) =>
        _sink.Events.Count(e => e.MessageTemplate.Text.StartsWith("Grant {Grant}: {Rule}", StringComparison.Ordinal) && e.Properties["Grant"].ToString().Contains(name, StringComparison.Ordinal));

    private Task AnnotateAsync(string name, string key, string value) => GrantApi.AnnotateAsync(kube.Admin, _ns, name, key, value);

    private Task<BreakGlassGrant> StatusAsync(string name, Func<BreakGlassGrant, bool> condition) =>
        GrantApi.WaitForAsync(kube.Admin, _ns, name, condition, Deadline);

    private async Task<IReadOnlyList<string>> ReasonsAsync(string name)
    {
        IReadOnlyList<string> reasons = [];
        await Eventually.HoldsAsync(async () =>
        {
            reasons = [.. (await kube.Admin.CoreV1.ListNamespacedEventAsync(_ns)).Items.Where(e => e.InvolvedObject.Name == name).Select(e => e.Reason)];
            return reasons.Contains(GrantReasons.Cleaned);
        }, Deadline, () => string.Join(", ", reasons));
        return reasons;
    }

    /// <summary>Counts the writes of a status subresource (PATCH or PUT on .../status) that go through the client.</summary>
    private sealed class StatusWrites : DelegatingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if ((request.Method == HttpMethod.Patch || request.Method == HttpMethod.Put) && request.RequestUri!.AbsolutePath.EndsWith("/status", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
