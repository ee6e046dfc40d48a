using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.Runtime.Support;
using static IrOperator.Tests.Controllers.ResponderRoles.Roles;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>
/// The ResponderRole controller against both emulators over HTTP, IAM's consistency delay on: create,
/// update, delete and retain, each asserted on IAM through the IAM API in every account, then on status and Events.
/// </summary>
public sealed class ResponderRoleLifecycleTests(ResponderRoleFixture fixture) : IClassFixture<ResponderRoleFixture>
{
    [Fact]
    public async Task Create_provisions_the_role_in_every_selected_account_and_reports_it()
    {
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("create", Tooling, Prod, Dev, Legacy));
        var name = IamName("create");

        foreach (var account in new[] { Tooling, Prod, Dev })
        {
            var iam = await fixture.IamAsync(account, name, r => r is not null && r.AttachedPolicyArns.Count == 1 && r.InlinePolicies.Count == 1);
            iam!.Role.Path.Should().Be("/incident-response/");
            iam.Role.Description.Should().Be("integration test role");
            iam.Role.MaxSessionDuration.Should().Be(3600);
            iam.Tags.Should().Contain("team", "security").And.Contain("iroperator.io/owner", "responderrole/create").And.Contain("iroperator.io/cluster", "test");
            iam.AttachedPolicyArns.Should().Equal(ReadOnly);
            iam.InlinePolicies["logs-read"]["Statement"]!.ToJsonString().Should().Contain("logs:GetLogEvents");
            var trust = iam.Trust.ToJsonString();
            trust.Should().Contain("arn:aws:iam::222222222222:root").And.Contain(Analyst).And.Contain("aws:MultiFactorAuthPresent");
        }
        fixture.Aws.Role(Legacy, name).Should().BeNull("a suspended account is never written");

        var role = await fixture.StatusAsync("create", r => r.Status?.AccountsReady == "3/3" && Conditions.IsTrue(r.Status.Conditions, "Ready"));
        role.Status!.ObservedGeneration.Should().Be(role.Metadata.Generation);
        Conditions.Find(role.Status.Conditions, "Ready")!.ObservedGeneration.Should().Be(role.Metadata.Generation);
        Conditions.Find(role.Status.Conditions, "Degraded")!.Status.Should().Be(Conditions.False);
        role.Status.Accounts!.Select(a => (a.AccountId, a.State)).Should().BeEquivalentTo(new[]
        {
            (Tooling, RoleAccountState.Ready), (Prod, RoleAccountState.Ready), (Dev, RoleAccountState.Ready), (Legacy, RoleAccountState.Suspended),
        });
        role.Status.Accounts!.Single(a => a.AccountId == Prod).RoleArn.Should().Be($"arn:aws:iam::{Prod}:role/incident-response/{name}");
        role.Status.Accounts!.Where(a => a.State == RoleAccountState.Ready).Should().OnlyContain(a => a.LastSyncTime != null);
        role.Metadata.Finalizers.Should().Contain(IrOperatorApi.Finalizer);

        await Eventually.HoldsAsync(async () => (await fixture.EventsAsync("create")).Count(e => e.Reason == "Created") == 3, ResponderRoleFixture.Deadline);
        var events = await fixture.EventsAsync("create");
        events.Where(e => e.Reason == "Created").Select(e => e.Message).Should().HaveCount(3).And.Contain(m => m.Contains(Prod, StringComparison.Ordinal));
        op.AuditLines().Should().Contain(l => l.Contains("Created", StringComparison.Ordinal) && l.Contains(Dev, StringComparison.Ordinal) && l.Contains("role /incident-response/", StringComparison.Ordinal));
        fixture.Aws.Calls.Count(c => c.Action == "CreateRole" && c.Status == 200).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task A_change_of_every_spec_field_reaches_IAM_in_every_account()
    {
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("update", Prod, Dev));
        var name = IamName("update");
        await fixture.StatusAsync("update", r => r.Status?.AccountsReady == "2/2");

        await fixture.UpdateSpecAsync("update", spec =>
        {
            spec.Description = "changed description";
            spec.MaxSessionDuration = "2h";
            spec.Tags = new Dictionary<string, string> { ["team"] = "ir", ["tier"] = "1" };
            spec.InlinePolicies = new Dictionary<string, System.Text.Json.Nodes.JsonObject> { ["trail-read"] = Inline("cloudtrail:LookupEvents") };
            spec.ManagedPolicyArns = ["arn:aws:iam::aws:policy/SecurityAudit"];
            spec.PermissionsBoundaryArn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
            spec.Trust = new TrustSpec { Principals = ["arn:aws:iam::222222222222:role/responder"], RequireMfa = false };
        });

        foreach (var account in new[] { Prod, Dev })
        {
            var iam = await fixture.IamAsync(account, name, r => r is not null && r.Role.Description == "changed description" && r.InlinePolicies.ContainsKey("trail-read")
                && r.Role.MaxSessionDuration == 7200 && r.Tags.GetValueOrDefault("tier") == "1" && r.Role.PermissionsBoundaryArn is not null
                && r.AttachedPolicyArns.SequenceEqual(["arn:aws:iam::aws:policy/SecurityAudit"]) && r.Trust.ToJsonString().Contains("role/responder", StringComparison.Ordinal));
            iam!.InlinePolicies.Keys.Should().Equal("trail-read");
            iam.Tags["team"].Should().Be("ir");
            iam.Role.PermissionsBoundaryArn.Should().Be("arn:aws:iam::aws:policy/ReadOnlyAccess");
            iam.Trust.ToJsonString().Should().NotContain("role/analyst").And.NotContain("MultiFactorAuthPresent");
        }
        var role = await fixture.StatusAsync("update", r => r.Status?.ObservedGeneration == r.Metadata.Generation && r.Status?.AccountsReady == "2/2");
        Conditions.IsTrue(role.Status!.Conditions, "Ready").Should().BeTrue();
        await Eventually.HoldsAsync(async () => (await fixture.EventsAsync("update")).Any(e => e.Reason == "Updated" && e.Message.Contains("trail-read", StringComparison.Ordinal)), ResponderRoleFixture.Deadline);
        (await fixture.EventsAsync("update")).Should().NotContain(e => e.Reason == "DriftCorrected", "a spec change is an update, not drift");
    }

    [Fact]
    public async Task Delete_removes_the_role_everywhere_then_the_finalizer()
    {
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("delete", Prod, Dev));
        var name = IamName("delete");
        await fixture.StatusAsync("delete", r => r.Status?.AccountsReady == "2/2");
        await fixture.IamAsync(Dev, name, r => r is not null);

        await fixture.DeleteAsync("delete");

        await Eventually.HoldsAsync(async () => await fixture.GetAsync("delete") is null, ResponderRoleFixture.Deadline);
        foreach (var account in new[] { Prod, Dev })
        {
            await fixture.IamAsync(account, name, r => r is null);
        }
        fixture.Aws.Role(Prod, name).Should().BeNull("IAM's control plane no longer has it");
        op.AuditLines().Should().Contain(l => l.Contains("Deleted IAM role", StringComparison.Ordinal) && l.Contains("role deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retain_leaves_the_role_and_removes_only_the_ownership_tags()
    {
        await using var op = fixture.StartOperator();
        var resource = New("retain", Prod);
        resource.Spec.DeletionPolicy = DeletionPolicy.Retain;
        await fixture.CreateAsync(resource);
        var name = IamName("retain");
        await fixture.StatusAsync("retain", r => r.Status?.AccountsReady == "1/1");

        await fixture.DeleteAsync("retain");

        await Eventually.HoldsAsync(async () => await fixture.GetAsync("retain") is null, ResponderRoleFixture.Deadline);
        var iam = await fixture.IamAsync(Prod, name, r => r is not null && !r.Tags.ContainsKey("iroperator.io/owner"));
        iam!.Tags.Should().NotContainKey("iroperator.io/cluster").And.Contain("team", "security");
        iam.InlinePolicies.Should().ContainKey("logs-read");
        iam.AttachedPolicyArns.Should().Equal(ReadOnly);
    }

    [Fact]
    public async Task Bad_input_is_reported_naming_the_field_before_any_AWS_call_and_a_fix_applies()
    {
        await using var op = fixture.StartOperator();
        var resource = New("bad-input", Prod);
        var bad = Inline("logs:GetLogEvents");
        bad["Statement"]![0]!["Effect"] = "Maybe";
        resource.Spec.InlinePolicies = new Dictionary<string, System.Text.Json.Nodes.JsonObject> { ["broken"] = bad };
        await fixture.CreateAsync(resource);
        var name = IamName("bad-input");

        var role = await fixture.StatusAsync("bad-input", r => Conditions.Find(r.Status?.Conditions, "Ready")?.Reason == "InvalidSpec");
        var ready = Conditions.Find(role.Status!.Conditions, "Ready")!;
        ready.Status.Should().Be(Conditions.False);
        ready.Message.Should().Contain("spec.inlinePolicies.broken").And.Contain("Effect");
        ready.ObservedGeneration.Should().Be(role.Metadata.Generation);
        fixture.Aws.Role(Prod, name).Should().BeNull("nothing is sent to IAM for a spec IAM would refuse");
        await Eventually.HoldsAsync(async () => (await fixture.EventsAsync("bad-input")).Any(e => e.Reason == "InvalidSpec" && e.Message.Contains("spec.inlinePolicies.broken", StringComparison.Ordinal)), ResponderRoleFixture.Deadline);

        await fixture.UpdateSpecAsync("bad-input", spec => spec.InlinePolicies = new Dictionary<string, System.Text.Json.Nodes.JsonObject> { ["fixed"] = Inline("logs:GetLogEvents") });
        await fixture.IamAsync(Prod, name, r => r is not null && r.InlinePolicies.ContainsKey("fixed"));
        await fixture.StatusAsync("bad-input", r => r.Status?.AccountsReady == "1/1" && Conditions.IsTrue(r.Status.Conditions, "Ready"));
    }
}
