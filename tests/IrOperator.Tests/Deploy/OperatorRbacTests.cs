using System.Text.Json.Nodes;
using IrOperator.Cli;
using IrOperator.Hosting;
using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Controllers.Grants;
using IrOperator.Tests.Resources;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The chart's ClusterRole and Lease Role grant the operator exactly the requests its code makes, derived from
/// the code's behaviour rather than from a list kept by hand: the real `iroperator run` (both controllers, leader
/// election on) runs in the sandbox as the chart's service account, a ResponderRole and a BreakGlassGrant go
/// through their lifecycle (provisioned, self-approval ignored twice, approved, active, revoked, deleted after
/// retention; the role deleted), one status write of each kind meets a conflict, the operator stops and hands
/// the Lease back. Then the API server's audit log is compared with the rules, both ways: a request the rules
/// do not allow fails (the emulator would have refused it: no 403 may appear), and a permission no request used
/// fails too (docs/install.md, "The operator's RBAC").
/// </summary>
public sealed class OperatorRbacTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("operator-rbac-").FullName;

    [Fact]
    public async Task The_chart_grants_the_operator_exactly_the_requests_it_makes()
    {
        var requests = await RunLifecycleAndReadAuditAsync();

        var refused = requests.Where(r => r.Code == 403).ToList();
        refused.Should().BeEmpty("the chart's RBAC must allow every request the operator makes: {0}",
            string.Join("; ", refused.Select(r => $"{r.Verb} {r.Uri}")));

        var rules = ChartRbacRules.ForServiceAccount(SandboxRbac.ChartRbac, SandboxUsers.OperatorNamespace, SandboxUsers.OperatorServiceAccount);
        var resourceRequests = requests.Where(r => r.Permission is not null).ToList();
        var notAllowed = resourceRequests.Where(r => !rules.Any(rule => rule.Allows(r.Permission!, r.Namespace, r.Name))).ToList();
        notAllowed.Should().BeEmpty("missing from the chart's RBAC: {0}", string.Join("; ", notAllowed.Select(r => $"{r.Permission} ns={r.Namespace} name={r.Name}")));

        var used = resourceRequests.Select(r => r.Permission!).ToHashSet();
        var granted = rules.SelectMany(r => r.Permissions()).ToHashSet();
        granted.Except(used).Should().BeEmpty("the chart grants what the operator never asked for (least privilege: remove it)");
        used.Should().Contain(new RbacPermission("coordination.k8s.io", "leases", "", "update"), "the run held and released the Lease");
        used.Should().Contain(new RbacPermission("iroperator.io", "breakglassgrants", "", "delete"), "the grant's retention ended");
    }

    [Fact]
    public void The_operators_rules_name_no_wildcard_and_no_secret()
    {
        var rules = ChartRbacRules.ForServiceAccount(SandboxRbac.ChartRbac, SandboxUsers.OperatorNamespace, SandboxUsers.OperatorServiceAccount);

        rules.Should().NotBeEmpty();
        rules.SelectMany(r => r.ApiGroups.Concat(r.Resources).Concat(r.Verbs)).Should().NotContain(s => s.Contains('*'));
        rules.SelectMany(r => r.Resources).Should().NotContain(["secrets", "pods", "serviceaccounts", "roles", "clusterroles", "rolebindings", "clusterrolebindings"]);
        rules.Where(r => r.Resources.Contains("leases")).Should().OnlyContain(r => r.Namespace == SandboxUsers.OperatorNamespace, "the Lease Role is bound in the operator's namespace only");
    }

    private async Task<IReadOnlyList<AuditedRequest>> RunLifecycleAndReadAuditAsync()
    {
        var examples = GeneratedCrds.OutputPath("examples");
        var roleTemplate = KubernetesYaml.Deserialize<ResponderRole>(await File.ReadAllTextAsync(Path.Combine(examples, "11-responderrole-forensic-investigator.yaml")));
        var grantTemplate = KubernetesYaml.Deserialize<BreakGlassGrant>(await File.ReadAllTextAsync(Path.Combine(examples, "20-breakglassgrant-alice-inc-4711.yaml")));
        var ns = grantTemplate.Metadata.NamespaceProperty;
        // carol stays in the approver group (the admission policy lets her approve) but not among this role's
        // approvers, so her approval is one the operator ignores: the ApprovalIgnored event path.
        roleTemplate.Spec.BreakGlass!.Approvers.Users = ["bob"];

        await using (var host = await SandboxHost.StartAsync(new SandboxOptions { StateDir = _dir, AuditReads = true }, CancellationToken.None))
        {
            host.Kube.AddAdmissionCheck(new ConflictOnce(SandboxUsers.OperatorUsername, IrOperatorApi.ResponderRolePlural, IrOperatorApi.BreakGlassGrantPlural));
            using var admin = host.Kube.CreateClient();
            using var alice = host.Kube.CreateClient("alice");
            using var bob = host.Kube.CreateClient("bob");
            using var carol = host.Kube.CreateClient("carol");
            using var stop = new CancellationTokenSource();
            var run = Task.Run(() => RunCommand.RunAsync(Settings(host), stop.Token));
            try
            {
                await admin.CustomObjects.CreateClusterCustomObjectAsync(roleTemplate, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
                await Eventually.HoldsAsync(async () => (await RoleAsync(admin, roleTemplate.Metadata.Name))?.Status?.AccountsReady == "2/2", Deadline, () => "the role was not provisioned");

                await alice.CustomObjects.CreateNamespacedCustomObjectAsync(grantTemplate, IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural);
                var name = grantTemplate.Metadata.Name;
                await GrantApi.WaitForAsync(admin, ns, name, g => g.Status?.Phase == GrantPhase.Pending, Deadline);

                // Self-approval is ignored, and reported again at the next reconcile: the same Event, aggregated (patched).
                await GrantApi.AnnotateAsync(carol, ns, name, "approval.iroperator.io/carol", "carol");
                await Eventually.HoldsAsync(async () => (await IgnoredCountAsync(admin, ns, name)) >= 1, Deadline, () => "no ApprovalIgnored event");
                await GrantApi.AnnotateAsync(alice, ns, name, "example.com/poke", "1");
                await Eventually.HoldsAsync(async () => (await IgnoredCountAsync(admin, ns, name)) >= 2, Deadline, () => "the ApprovalIgnored event was not counted again");

                await GrantApi.AnnotateAsync(bob, ns, name, "approval.iroperator.io/bob", "bob");
                await GrantApi.WaitForAsync(admin, ns, name, g => g.Status?.Phase == GrantPhase.Active, Deadline);
                await GrantApi.AnnotateAsync(alice, ns, name, IrOperatorApi.RevokeAnnotation, "contained");
                await GrantApi.WaitForAsync(admin, ns, name, g => g.Status?.Phase == GrantPhase.Revoked, Deadline);
                // Deleted once its retention ended; its finalizer then holds it while the requester's end-of-access
                // deny must stay (docs/grants.md).
                await Eventually.HoldsAsync(async () => await GrantDeletingAsync(admin, ns, name), Deadline, () => "the finished grant was not deleted after its retention");

                await admin.CustomObjects.DeleteClusterCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, roleTemplate.Metadata.Name);
                await Eventually.HoldsAsync(async () => await RoleAsync(admin, roleTemplate.Metadata.Name) is null, Deadline, () => "the role's IAM roles were not torn down and its finalizer removed");
            }
            catch (TimeoutException e)
            {
                // A step that never completes is most often a request the chart's RBAC refused: name them.
                var refused = (await ReadAuditAsync()).Where(r => r.Code == 403).Select(r => $"{r.Verb} {r.Uri}").Distinct();
                throw new TimeoutException($"{e.Message}; the operator's refused requests: [{string.Join("; ", refused)}]", e);
            }
            finally
            {
                await stop.CancelAsync();
            }

            (await run.WaitAsync(Deadline)).Should().Be(0, "the operator stopped cleanly and released the Lease");
        }

        // The host is disposed: every request, watches included, has ended and is in the log.
        return await ReadAuditAsync();
    }

    /// <summary>The operator's requests in the API server's audit log so far (whole lines only).</summary>
    private async Task<IReadOnlyList<AuditedRequest>> ReadAuditAsync()
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(_dir, SandboxHost.KubeAuditLogFile));
        return lines.Where(l => l.EndsWith('}'))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(e => e["user"]?["username"]?.GetValue<string>() == SandboxUsers.OperatorUsername)
            .Select(AuditedRequest.From)
            .ToList();
    }

    private OperatorSettings Settings(SandboxHost host)
    {
        var settings = new OperatorSettings
        {
            Kubeconfig = host.KubeconfigPath,
            Context = SandboxOperator.KubeContext,
            HealthAddress = "127.0.0.1",
            HealthPort = 0,
            LogFormat = "text",
            LogLevel = "Warning",
        };
        // As the chart runs it: leader election on, the Lease in the release namespace under the chart's name.
        settings.LeaderElection.Enabled = true;
        settings.LeaderElection.LeaseNamespace = SandboxUsers.OperatorNamespace;
        settings.LeaderElection.LeaseName = "iroperator-leader";
        settings.Aws.Profile = SandboxOperator.AwsProfile;
        settings.Aws.CredentialsFile = host.Aws.Files.CredentialsFile;
        settings.ResponderRoles.ResyncInterval = TimeSpan.FromSeconds(5);
        settings.ResponderRoles.PropagationWindow = TimeSpan.FromSeconds(3);
        settings.Grants.Retention = TimeSpan.FromSeconds(2);
        return settings;
    }

    private static async Task<ResponderRole?> RoleAsync(IKubernetes client, string name)
    {
        try
        {
            return await client.CustomObjects.GetClusterCustomObjectAsync<ResponderRole>(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<bool> GrantDeletingAsync(IKubernetes client, string ns, string name)
    {
        try
        {
            var grant = await client.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural, name);
            return grant.Metadata.DeletionTimestamp is not null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    private static async Task<int> IgnoredCountAsync(IKubernetes client, string ns, string name)
    {
        var events = await client.CoreV1.ListNamespacedEventAsync(ns);
        return events.Items.Where(e => e.InvolvedObject.Name == name && e.Reason == "ApprovalIgnored").Sum(e => e.Count ?? 1);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
