using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;
using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Resources;
using IrOperator.Tests.AwsClients;
using IrOperator.Tests.Fixtures;
using static IrOperator.Tests.Iam.RoleFixtures;

namespace IrOperator.Tests.Iam;

/// <summary>
/// Plans applied with our IAM client to the AWS emulator over HTTP (the provisioner role's session,
/// SigV4), then read back: what the planner writes is what it reads as in line, so a steady state
/// plans zero writes, and drift made through the IAM API is corrected.
/// </summary>
public sealed class RolePlanIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string Account = "333333333333";

    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsTestStack _stack;
    private readonly IIamClient _iam;

    public RolePlanIntegrationTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _stack = EmulatorStacks.Create(fixture);
        _iam = _stack.Iam(Account);
    }

    public void Dispose()
    {
        EmulatorStacks.Faults(_fixture).Reset();
        _stack.Dispose();
    }

    private static string NewName() => "t" + Guid.NewGuid().ToString("N")[..10];

    private async Task<RolePlan> ApplyAsync(RolePlan plan)
    {
        foreach (var step in plan.Steps)
        {
            await step.ApplyAsync(_iam, CancellationToken.None);
        }

        return plan;
    }

    private Task<ObservedRole?> ReadAsync(string roleName) => ObservedRoleReader.ReadAsync(_iam, roleName, CancellationToken.None);

    [Fact]
    public async Task A_created_role_reads_back_in_line_and_the_next_plan_is_empty()
    {
        var desired = Desired(
            BreakGlass(NewName(), spec =>
            {
                spec.Preset = RolePreset.ForensicInvestigator;
                spec.PermissionsBoundaryArn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
            }),
            new RoleAccess([Grant("uid-a")], [new EndOfAccess("bob", Start)]));

        var created = await ApplyAsync(RolePlanner.Plan(desired, await ReadAsync(desired.RoleName)));
        created.Outcome.Should().Be(PlanOutcome.Create);

        var observed = await ReadAsync(desired.RoleName);
        observed.Should().NotBeNull();
        observed!.Tags.Should().Contain(RoleOwner.OwnerTag, desired.Owner.Owner);
        observed.InlinePolicies.Keys.Should().BeEquivalentTo(desired.InlinePolicies.Keys);
        var again = RolePlanner.Plan(desired, observed);
        again.Outcome.Should().Be(PlanOutcome.InSync, again.Render());
    }

    [Fact]
    public async Task Drift_made_through_the_iam_api_is_corrected_and_then_in_line()
    {
        var desired = Desired(Standing(NewName()));
        await ApplyAsync(RolePlanner.Plan(desired, null));
        await _iam.UpdateAssumeRolePolicyAsync(desired.RoleName,
            """{"Version":"2012-10-17","Statement":{"Sid":"Evil","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}}""", CancellationToken.None);
        await _iam.PutRolePolicyAsync(desired.RoleName, "backdoor", """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", CancellationToken.None);
        await _iam.DetachRolePolicyAsync(desired.RoleName, "arn:aws:iam::aws:policy/ReadOnlyAccess", CancellationToken.None);
        await _iam.TagRoleAsync(desired.RoleName, [new IamTag("team", "someone-else")], CancellationToken.None);

        var correction = await ApplyAsync(RolePlanner.Plan(desired, await ReadAsync(desired.RoleName)));

        correction.Steps.Select(step => step.Action).Should().Equal("UpdateAssumeRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "TagRole");
        correction.Changes[0].Should().Be("trust policy: +statement IrStanding, -statement Evil");
        RolePlanner.Plan(desired, await ReadAsync(desired.RoleName)).Outcome.Should().Be(PlanOutcome.InSync);
    }

    [Fact]
    public async Task Delete_removes_the_role_and_retain_leaves_it_unowned()
    {
        var deleted = Desired(Standing(NewName()), new RoleAccess([], [new EndOfAccess("bob", Start)]));
        var retained = Desired(Standing(NewName()));
        await ApplyAsync(RolePlanner.Plan(deleted, null));
        await ApplyAsync(RolePlanner.Plan(retained, null));

        await ApplyAsync(RolePlanner.PlanDeletion(deleted.RoleName, deleted.Owner, await ReadAsync(deleted.RoleName), DeletionPolicy.Delete));
        await ApplyAsync(RolePlanner.PlanDeletion(retained.RoleName, retained.Owner, await ReadAsync(retained.RoleName), DeletionPolicy.Retain));

        (await ReadAsync(deleted.RoleName)).Should().BeNull();
        var left = await ReadAsync(retained.RoleName);
        left!.Tags.Keys.Should().Equal("team");
        RolePlanner.Plan(retained, left).Outcome.Should().Be(PlanOutcome.NotOwned);
    }

    [Fact]
    public async Task A_read_that_still_shows_the_replaced_trust_is_propagation_not_drift()
    {
        var before = Desired(BreakGlass(NewName()));
        var after = before with { TrustPolicy = Desired(BreakGlass(before.RoleName), new RoleAccess([Grant("uid-a")], [])).TrustPolicy };
        await ApplyAsync(RolePlanner.Plan(before, null));
        var window = TimeSpan.FromSeconds(30);
        EmulatorStacks.Faults(_fixture).ConsistencyDelay = TimeSpan.FromSeconds(5);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(6));

        var grant = await ApplyAsync(RolePlanner.Plan(after, await ReadAsync(before.RoleName)));
        var memory = RecentWrites.None.After(grant, _fixture.Clock.GetUtcNow());
        var stale = await ReadAsync(before.RoleName);

        stale!.AssumeRolePolicyDocument.Should().Contain("IrDormant", "the emulator still shows the replaced document");
        RolePlanner.Plan(after, stale).Outcome.Should().Be(PlanOutcome.Update, "without the memory the stale read looks like drift");
        var plan = RolePlanner.Plan(after, stale, new PlanContext(_fixture.Clock.GetUtcNow(), window, memory));
        plan.Outcome.Should().Be(PlanOutcome.AwaitingPropagation);
        plan.Steps.Should().BeEmpty();
        plan.Propagating.Should().Equal("trust policy");

        _fixture.Clock.Advance(TimeSpan.FromSeconds(6));
        RolePlanner.Plan(after, await ReadAsync(before.RoleName), new PlanContext(_fixture.Clock.GetUtcNow(), window, memory)).Outcome.Should().Be(PlanOutcome.InSync);
    }

    [Fact]
    public async Task A_role_created_moments_ago_and_not_yet_visible_is_not_created_twice()
    {
        var desired = Desired(Standing(NewName()));
        EmulatorStacks.Faults(_fixture).ConsistencyDelay = TimeSpan.FromSeconds(5);
        var created = await ApplyAsync(RolePlanner.Plan(desired, null));
        var memory = RecentWrites.None.After(created, _fixture.Clock.GetUtcNow());

        var invisible = await ReadAsync(desired.RoleName);

        invisible.Should().BeNull();
        RolePlanner.Plan(desired, invisible, new PlanContext(_fixture.Clock.GetUtcNow(), TimeSpan.FromSeconds(30), memory)).Outcome.Should().Be(PlanOutcome.AwaitingPropagation);
        var duplicate = FluentActions.Awaiting(() => ApplyAsync(RolePlanner.Plan(desired, invisible)));
        (await duplicate.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("EntityAlreadyExists");
    }
}
