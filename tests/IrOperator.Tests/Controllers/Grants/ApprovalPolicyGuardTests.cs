using IrOperator.Controllers.Grants;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.KubeEmulator.Admission;
using IrOperator.Tests.KubeEmulator.Support;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Models;
using Serilog;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// Fail closed against the Kubernetes emulator (docs/approvals.md, "Fail closed"), with the chart's approval policy
/// installed as the sandbox installs it and the grant controller running as the operator's service account with the
/// sandbox's RBAC: with the policy deleted, a grant alice requested and bob approved stays Pending with
/// ApprovalPolicyMissing and a Warning event; restored, it opens. The guard also refuses a binding without Deny and
/// reports an identity that may not read the policy.
/// </summary>
public sealed class ApprovalPolicyGuardTests(KubeEmulatorFixture kube) : IClassFixture<KubeEmulatorFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly GrantOptions Options = new() { ApprovalPolicyCheckInterval = TimeSpan.FromMilliseconds(200) };
    private readonly string _ns = $"guard-{Guid.NewGuid():N}"[..20];
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _log = new LoggerConfiguration().CreateLogger();
    private IKubernetes? _operator;
    private GrantTermController? _controller;
    private Task? _run;

    public async Task InitializeAsync()
    {
        SandboxAdmission.Apply(kube.Emulator);
        await kube.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
        SandboxGrantRoles.Apply(kube.Emulator, _ns);
        _operator = kube.Emulator.CreateClient(SandboxUsers.OperatorUsername);
        var time = TimeProvider.System;
        var context = new OperatorContext(_operator, time, new StatusWriter(_operator, _log), new Finalizers(_operator, _log),
            new EventRecorder(_operator, time, "iroperator", "test", _log), new ControllerOptions { Workers = 2 }, _log);
        var role = Role();
        role.Status = new ResponderRoleStatus { Accounts = [new RoleAccountStatus { AccountId = Prod, RoleArn = "arn:aws:iam::333333333333:role/incident-response/ir-forensics" }] };
        var guard = new ApprovalPolicyGuard(_operator, time, Options, _log);
        var inputs = new GrantInputs(name => name == "forensics" ? role : null, _ => Task.FromResult<IReadOnlySet<string>?>(Organization), ApprovalPolicy: guard.CheckAsync);
        var informer = new Informer<BreakGlassGrant>(_operator, GrantController.Kind, time, new InformerOptions { Namespace = _ns }, _log);
        _controller = GrantController.Create(context, informer, inputs, new GrantAccessLedger(), Options);
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
        _operator?.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Policy_deleted_keeps_an_approved_grant_pending_and_restored_lets_it_open()
    {
        await kube.Admin.AdmissionregistrationV1.DeleteValidatingAdmissionPolicyAsync("iroperator-grant-approvals");
        using (var alice = kube.Emulator.CreateClient("alice"))
        {
            var grant = Grant(name: "alice-guarded");
            grant.Metadata.NamespaceProperty = _ns;
            grant.Metadata.Uid = null;
            grant.Metadata.Annotations = null;
            await alice.CustomObjects.CreateNamespacedCustomObjectAsync(grant, IrOperatorApi.Group, IrOperatorApi.Version, _ns, IrOperatorApi.BreakGlassGrantPlural);
        }
        using (var bob = kube.Emulator.CreateClient("bob"))
        {
            await GrantApi.AnnotateAsync(bob, _ns, "alice-guarded", "approval.iroperator.io/bob", "bob");
        }

        var held = await GrantApi.WaitForAsync(kube.Admin, _ns, "alice-guarded",
            g => Conditions.Find(g.Status?.Conditions, GrantConditions.Active)?.Reason == GrantReasons.ApprovalPolicyMissing, Deadline);
        held.Status!.Phase.Should().Be(GrantPhase.Pending);
        held.Status.ActivatedAt.Should().BeNull("nothing opens without the policy");
        Conditions.Find(held.Status.Conditions, GrantConditions.Active)!.Message.Should().Contain("ValidatingAdmissionPolicy iroperator-grant-approvals does not exist");
        // The event follows the status write.
        Corev1EventList? warnings = null;
        await Eventually.HoldsAsync(
            async () => (warnings = await kube.Admin.CoreV1.ListNamespacedEventAsync(_ns, fieldSelector: "involvedObject.name=alice-guarded,reason=ApprovalPolicyMissing")).Items.Count > 0,
            Deadline);
        warnings!.Items.Should().ContainSingle().Which.Type.Should().Be("Warning");

        SandboxAdmission.Apply(kube.Emulator);

        var opened = await GrantApi.WaitForAsync(kube.Admin, _ns, "alice-guarded", g => g.Status?.Phase == GrantPhase.Approved, Deadline);
        opened.Status!.ActivatedAt.Should().NotBeNull();
        opened.Status.Approvals.Should().ContainSingle().Which.By.Should().Be("bob");
    }

    [Fact]
    public async Task A_binding_without_Deny_is_not_in_place()
    {
        // The shipped binding's name (the operator may read only that one), with Audit alone; restored afterwards.
        var guard = new ApprovalPolicyGuard(_operator!, TimeProvider.System, Options, _log);
        kube.Emulator.ApplyManifests(ApprovalPolicy.Binding("iroperator-grant-approvals", "iroperator-grant-approvals", "Audit").ToJsonString());

        ApprovalPolicyCheck check;
        try
        {
            check = await guard.CheckAsync(CancellationToken.None);
        }
        finally
        {
            SandboxAdmission.Apply(kube.Emulator);
        }

        check.InPlace.Should().BeFalse();
        check.Message.Should().Be("ValidatingAdmissionPolicyBinding iroperator-grant-approvals has validationActions [Audit] without Deny: a failed rule would not refuse the request");
    }

    [Fact]
    public async Task An_identity_that_may_not_read_the_policy_is_told_which_permission_is_missing()
    {
        using var alice = kube.Emulator.CreateClient("alice");
        var check = await new ApprovalPolicyGuard(alice, TimeProvider.System, new GrantOptions(), _log).CheckAsync(CancellationToken.None);

        check.InPlace.Should().BeFalse();
        check.Message.Should().StartWith("ValidatingAdmissionPolicy iroperator-grant-approvals cannot be read: the operator may not get validatingadmissionpolicies");
    }
}
