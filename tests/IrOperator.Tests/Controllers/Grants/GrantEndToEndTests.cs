using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers;
using IrOperator.Controllers.Grants;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.AwsClients;
using IrOperator.Tests.Controllers.ResponderRoles;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Serilog;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// Both controllers on one set of shared informers, against both emulators (IAM's consistency delay on), the
/// AWS side checked as the responder through STS and IAM: the break-glass path end to end.
/// </summary>
public sealed class GrantEndToEndTests(ResponderRoleFixture fixture) : IClassFixture<ResponderRoleFixture>, IAsyncLifetime
{
    private const string Responders = "222222222222";
    private const string Prod = "333333333333";
    private readonly string ns = $"e2e-{Guid.NewGuid():N}"[..16];
    private readonly string roleName = $"bg-{Guid.NewGuid():N}"[..14];
    private readonly CancellationTokenSource stop = new();
    private readonly ListSink sink = new();
    private readonly List<Task> runs = [];
    private readonly List<IDisposable> owned = [];

    public async Task InitializeAsync()
    {
        await fixture.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        var time = TimeProvider.System;
        var client = fixture.Admin;
        var context = new OperatorContext(client, time, new StatusWriter(client, log), new Finalizers(client, log),
            new EventRecorder(client, time, "iroperator", "e2e", log), new ControllerOptions { Workers = 2 }, log);
        var inventory = new AccountInventory(fixture.Stack.Organizations, new AccountInventoryOptions { RefreshInterval = TimeSpan.FromSeconds(1) }, time, log);
        var ledger = new GrantAccessLedger();
        var roles = ResponderRoleController.Create(context, inventory, fixture.Stack.Factory, new RoleApplyLocks(), new RoleWriteMemory(), ResponderRoleFixture.FastOptions(), ledger);
        var grants = GrantController.Create(context, inventory, ledger, new GrantOptions());
        owned.AddRange([roles, grants, inventory]);
        runs.Add(roles.RunAsync(stop.Token));
        runs.Add(grants.RunAsync(stop.Token));
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(runs).WaitAsync(ResponderRoleFixture.Deadline);
        owned.ForEach(o => o.Dispose());
        stop.Dispose();
    }

    [Fact]
    public async Task Approve_use_and_revoke_with_aws_enforcing_each_step()
    {
        var role = Roles.New(roleName, Prod);
        role.Spec.BreakGlass = new BreakGlassSpec { Approvers = new Approvers { Users = ["bob"] }, MaxGrantDuration = "1h" };
        role.Spec.Trust = null;
        role.Spec.InlinePolicies = new Dictionary<string, JsonObject>
        {
            ["read"] = (JsonObject)JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""")!,
        };
        await fixture.CreateAsync(role);
        await fixture.StatusAsync(roleName, r => r.Status?.Accounts?.Any(a => a.AccountId == Prod && a.State == RoleAccountState.Ready) == true);

        await CreateGrantAsync("alice-1", "alice");
        await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Pending);
        await AnnotateAsync("alice-1", "approval.iroperator.io/alice", "alice");
        var stillPending = await StatusAsync("alice-1", g => g.Status?.Conditions?.Any(c => c.Type == GrantConditions.Approved) == true);
        stillPending.Status!.Phase.Should().Be(GrantPhase.Pending, "self-approval is ignored");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied", "nothing is open before approval");

        await AnnotateAsync("alice-1", "approval.iroperator.io/bob", "bob");
        var active = await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Active);
        active.Status!.Accounts!.Single().State.Should().Be(GrantAccountState.Active);
        active.Status.Accounts!.Single().AssumeRoleCommand.Should().Contain($"--role-arn {RoleArn}").And.EndWith("--source-identity alice");

        // Active means IAM shows it: the responder gets in at once, with the source identity only.
        var session = await AssumeAsync("alice", "alice");
        (await RefusedAsync("alice", null)).Should().Be("AccessDenied");
        (await RefusedAsync("bob", "bob")).Should().Be("AccessDenied", "bob is not the grant's principal");
        (await SessionWorksAsync(session)).Should().BeTrue();

        await AnnotateAsync("alice-1", IrOperatorApi.RevokeAnnotation, "contained");
        var revoked = await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Revoked && g.Status.Accounts?.Single().State == GrantAccountState.Removed);
        revoked.Status!.EndedAt.Should().NotBeNull();
        await Eventually.HoldsAsync(async () => !await SessionWorksAsync(session), ResponderRoleFixture.Deadline, () => "alice's session still works after the revoke");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
        var reasons = (await fixture.Admin.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.InvolvedObject.Name == "alice-1").Select(e => e.Reason).ToList();
        reasons.Should().Contain([GrantReasons.Requested, GrantReasons.ApprovalIgnored, GrantReasons.Approved, GrantReasons.Activated, GrantReasons.Revoked]);
    }

    private string RoleArn => $"arn:aws:iam::{Prod}:role/incident-response/ir-{roleName}";

    private async Task CreateGrantAsync(string name, string requester)
    {
        var grant = new BreakGlassGrant
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new BreakGlassGrantSpec
            {
                Role = roleName, PrincipalArn = $"arn:aws:iam::{Responders}:user/{requester}", RequestedBy = requester,
                Accounts = [Prod], Duration = "30m", Incident = "INC-1", Reason = "end-to-end test",
            },
        };
        await fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync<BreakGlassGrant>(grant, IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural);
    }

    private async Task AnnotateAsync(string name, string key, string value)
    {
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        await fixture.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
            IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural, name);
    }

    private async Task<BreakGlassGrant> StatusAsync(string name, Func<BreakGlassGrant, bool> condition)
    {
        BreakGlassGrant? last = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    last = await fixture.Admin.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural, name);
                }
                catch (HttpOperationException)
                {
                    last = null;
                }
                return last is not null && condition(last);
            },
            ResponderRoleFixture.Deadline,
            () => last is null ? "missing" : KubernetesJson.Serialize(last.Status));
        return last!;
    }

    private async Task<Credentials> AssumeAsync(string user, string? sourceIdentity)
    {
        using var sts = AwsEmulatorFixture.StsClient(fixture.Aws.Endpoint, fixture.Aws.CredentialsOf(Responders, user));
        return (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = user, SourceIdentity = sourceIdentity })).Credentials;
    }

    private async Task<string> RefusedAsync(string user, string? sourceIdentity)
    {
        var act = () => AssumeAsync(user, sourceIdentity);
        return (await act.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode;
    }

    private async Task<bool> SessionWorksAsync(Credentials session)
    {
        var iam = fixture.Stack.Factory.Iam(Prod, new StaticCredentialSource(new ImmutableCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken)));
        try
        {
            await iam.GetRoleAsync($"ir-{roleName}", CancellationToken.None);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode.StartsWith("AccessDenied", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
