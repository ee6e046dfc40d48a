using IrOperator.Aws.Iam;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using static IrOperator.Tests.Controllers.ResponderRoles.Roles;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>
/// Drift made in IAM outside the operator is found by the periodic resync and corrected, with a Warning
/// naming what changed; a steady state makes no IAM write at all (counted by the AWS emulator).
/// </summary>
public sealed class ResponderRoleDriftTests(ResponderRoleFixture fixture) : IClassFixture<ResponderRoleFixture>
{
    private const string ForeignTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}]}""";

    [Fact]
    public async Task Drift_in_trust_inline_managed_policies_and_tags_is_corrected_with_a_warning()
    {
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("drift", Prod, Dev));
        var name = IamName("drift");
        await fixture.StatusAsync("drift", r => r.Status?.AccountsReady == "2/2");
        await fixture.IamAsync(Prod, name, r => r is not null && r.AttachedPolicyArns.Count == 1);
        // Changes made now, inside the operator's propagation window, are corrected once it has passed.

        var outsider = fixture.Outsider(Prod);
        await outsider.UpdateAssumeRolePolicyAsync(name, ForeignTrust, CancellationToken.None);
        await outsider.PutRolePolicyAsync(name, "backdoor", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", CancellationToken.None);
        await outsider.DetachRolePolicyAsync(name, ReadOnly, CancellationToken.None);
        await outsider.TagRoleAsync(name, [new IamTag("team", "someone-else")], CancellationToken.None);

        var iam = await fixture.IamAsync(Prod, name, r => r is not null && !r.InlinePolicies.ContainsKey("backdoor") && r.AttachedPolicyArns.Contains(ReadOnly)
            && r.Tags.GetValueOrDefault("team") == "security" && r.Trust.ToJsonString().Contains(Analyst, StringComparison.Ordinal));
        iam!.Trust.ToJsonString().Should().NotContain("999999999999");
        iam.InlinePolicies.Keys.Should().Equal("logs-read");
        await Eventually.HoldsAsync(async () => (await fixture.EventsAsync("drift")).Any(e => e.Reason == "DriftCorrected"), ResponderRoleFixture.Deadline);
        var warning = (await fixture.EventsAsync("drift")).First(e => e.Reason == "DriftCorrected");
        warning.Type.Should().Be(EventRecorder.Warning);
        warning.Message.Should().Contain(Prod).And.Contain("trust policy").And.Contain("backdoor").And.Contain(ReadOnly).And.Contain("team");
        (await fixture.EventsAsync("drift")).Where(e => e.Reason == "DriftCorrected").Should().OnlyContain(e => e.Message.Contains(Prod, StringComparison.Ordinal), "nothing drifted in dev");
    }

    [Fact]
    public async Task A_steady_state_resync_makes_zero_IAM_writes()
    {
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("steady", Tooling, Prod, Dev));
        // Settled: every account read back in line after the propagation window (not just written).
        await fixture.StatusAsync("steady", r => r.Status?.AccountsReady == "3/3" && Conditions.IsTrue(r.Status.Conditions, "Ready")
            && r.Status.Accounts!.All(a => a.Message == "in line with the spec") && Conditions.Find(r.Status.Conditions, "Progressing")?.Status == Conditions.False);
        await WaitForResyncsAsync(1);

        var writes = OperatorWrites();
        var statusWrites = op.Status.Writes;
        var before = fixture.Aws.Calls.Count;
        await WaitForResyncsAsync(3);

        OperatorWrites().Should().Be(writes, "a resync that finds IAM in line writes nothing");
        op.Status.Writes.Should().Be(statusWrites, "nor does it rewrite the status");
        var reads = fixture.Aws.Calls.Skip(before).Where(IsOperator).GroupBy(c => c.Action).ToDictionary(g => g.Key, g => g.Count());
        reads["GetRole"].Should().BeGreaterThanOrEqualTo(9, "three resyncs read the role in three accounts");
        // Per role and account: GetRole, ListRolePolicies, GetRolePolicy (one inline policy), ListAttachedRolePolicies; nothing else.
        reads.Keys.Should().BeSubsetOf(["GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies"]);
        // The window's ends fall wherever the reads are: a read under way at the start has its GetRole before the
        // window and its lists in it, one under way at the end the reverse. Reads of a role in an account are
        // serialized (its apply lock), so at most one per role and account straddles each end: this role's 3, and
        // the other test's 2 when it ran first. A second list per read would be 9 or more over.
        const int straddling = 5;
        reads["ListRolePolicies"].Should().BeInRange(reads["GetRole"] - straddling, reads["GetRole"] + straddling);
        reads["ListAttachedRolePolicies"].Should().BeInRange(reads["GetRole"] - straddling, reads["GetRole"] + straddling);
        var role = await fixture.GetAsync("steady");
        role!.Status!.AccountsReady.Should().Be("3/3");
    }

    private int OperatorWrites() =>
        fixture.Aws.Calls.Count(c => c.Service == "iam" && ResponderRoleFixture.IsWrite(c.Action) && IsOperator(c));

    private static bool IsOperator(IrOperator.Sandbox.Aws.RecordedCall call) =>
        call.CallerArn?.Contains("assumed-role/IrOperatorProvisioner", StringComparison.Ordinal) == true;

    private static bool IsOperatorGetRole(IrOperator.Sandbox.Aws.RecordedCall call) => call.Action == "GetRole" && IsOperator(call);

    private async Task WaitForResyncsAsync(int count)
    {
        // Each resync reads GetRole once per account; at least `count` rounds in the busiest test (3 accounts).
        var start = fixture.Aws.Calls.Count(IsOperatorGetRole);
        await Eventually.HoldsAsync(() => fixture.Aws.Calls.Count(IsOperatorGetRole) - start >= 3 * count, ResponderRoleFixture.Deadline);
    }
}
