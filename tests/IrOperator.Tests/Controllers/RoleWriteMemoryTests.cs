using IrOperator.Controllers;
using IrOperator.Iam.Planning;

namespace IrOperator.Tests.Controllers;

public sealed class RoleWriteMemoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_state_written_in_full_is_propagating_only_within_the_window_and_only_for_that_state()
    {
        var memory = new RoleWriteMemory();
        memory.Applied("333333333333", "ir-a", Plan(), T0, "state-1");

        memory.Propagating("333333333333", "IR-A", "state-1", T0 + TimeSpan.FromSeconds(20), Window).Should().Be(TimeSpan.FromSeconds(40));
        memory.Propagating("333333333333", "ir-a", "state-2", T0 + TimeSpan.FromSeconds(20), Window).Should().BeNull("the spec moved on: a difference is real");
        memory.Propagating("333333333333", "ir-a", "state-1", T0 + Window, Window).Should().BeNull("past the window a difference is drift");
        memory.Propagating("444444444444", "ir-a", "state-1", T0, Window).Should().BeNull("another account");
        memory.WroteInFull("333333333333", "ir-a", "state-1").Should().BeTrue();
    }

    [Fact]
    public void A_partly_applied_plan_is_remembered_without_claiming_the_state()
    {
        var memory = new RoleWriteMemory();
        memory.Applied("333333333333", "ir-a", Plan(), T0, fingerprint: null);

        memory.Recent("333333333333", "ir-a").RoleCreatedAt.Should().Be(T0);
        memory.Propagating("333333333333", "ir-a", "state-1", T0, Window).Should().BeNull();

        memory.Forget("333333333333", "ir-a");
        memory.Recent("333333333333", "ir-a").Should().BeSameAs(RecentWrites.None);
    }

    private static RolePlan Plan() => new("ir-a", PlanOutcome.Create,
    [
        new CreateRoleStep("ir-a", "/incident-response/", IrOperator.Iam.Policies.PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}"""), null, 3600, null, new Dictionary<string, string>()),
    ]);
}
