using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Iam.Policies;
using static IrOperator.Tests.Iam.ObservedRoles;
using static IrOperator.Tests.Iam.RoleFixtures;

namespace IrOperator.Tests.Iam;

public class PropagationTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly PolicyDocument Old = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Sid":"Old","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""");
    private static readonly PolicyDocument New = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Sid":"New","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""");
    private static readonly PolicyDocument Third = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Sid":"Third","Effect":"Allow","Action":"*","Resource":"*"}}""");

    public static TheoryData<string, PolicyDocument?, RecentWrite?, int, bool> Cases => new()
    {
        { "the replaced document, inside the window", Old, new RecentWrite(Old, New, Start), 10, true },
        { "the replaced document, spelled otherwise", PolicyDocument.Parse(Respell(Old)), new RecentWrite(Old, New, Start), 10, true },
        { "the replaced document, after the window", Old, new RecentWrite(Old, New, Start), 30, false },
        { "a third document, inside the window, is drift", Third, new RecentWrite(Old, New, Start), 10, false },
        { "absent, after a first write, inside the window", null, new RecentWrite(null, New, Start), 10, true },
        { "absent, after replacing a document, is drift", null, new RecentWrite(Old, New, Start), 10, false },
        { "still present after a delete, inside the window", Old, new RecentWrite(Old, null, Start), 10, true },
        { "no memory", Old, null, 10, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_the_document_just_replaced_within_the_window_is_propagation(string because, PolicyDocument? observed, RecentWrite? write, int secondsLater, bool expected) =>
        Propagation.IsPropagation(observed, write, Start.AddSeconds(secondsLater), Window).Should().Be(expected, because);

    [Fact]
    public void A_new_inline_policy_not_yet_visible_is_not_written_again()
    {
        var desired = Desired(Standing());
        var memory = new RecentWrites { Documents = new Dictionary<string, RecentWrite> { [DocumentKeys.Inline("audit")] = new(null, desired.InlinePolicies["audit"], Start) } };
        var observed = InLine(desired) with { InlinePolicies = new Dictionary<string, string>() };

        var plan = RolePlanner.Plan(desired, observed, new PlanContext(Start.AddSeconds(5), Window, memory));

        plan.Outcome.Should().Be(PlanOutcome.AwaitingPropagation);
        plan.Propagating.Should().Equal("inline policy audit");
        RolePlanner.Plan(desired, observed, new PlanContext(Start.AddSeconds(31), Window, memory)).Changes.Should().Equal("inline policy audit: added");
    }

    [Fact]
    public void An_inline_policy_just_deleted_that_still_shows_is_not_deleted_again()
    {
        var desired = Desired(Standing());
        var stale = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""";
        var memory = new RecentWrites { Documents = new Dictionary<string, RecentWrite> { [DocumentKeys.Inline("old")] = new(PolicyDocument.Parse(stale), null, Start) } };
        var observed = InLine(desired) with { InlinePolicies = new Dictionary<string, string>(InLine(desired).InlinePolicies) { ["old"] = stale } };

        RolePlanner.Plan(desired, observed, new PlanContext(Start.AddSeconds(5), Window, memory)).Outcome.Should().Be(PlanOutcome.AwaitingPropagation);
    }

    [Fact]
    public void Drift_alongside_propagation_is_still_corrected()
    {
        var desired = Desired(Standing());
        var memory = new RecentWrites { Documents = new Dictionary<string, RecentWrite> { [DocumentKeys.Trust] = new(Old, desired.TrustPolicy, Start) } };
        var observed = InLine(desired) with { AssumeRolePolicyDocument = Old.ToJson(), Description = "changed outside" };

        var plan = RolePlanner.Plan(desired, observed, new PlanContext(Start.AddSeconds(5), Window, memory));

        plan.Outcome.Should().Be(PlanOutcome.Update);
        plan.Steps.Select(s => s.Action).Should().Equal("UpdateRole");
        plan.Propagating.Should().Equal("trust policy");
    }

    [Fact]
    public void The_memory_records_each_document_written_and_forgets_after_the_window()
    {
        var desired = Desired(Standing(), new RoleAccess([], [new EndOfAccess("bob", Start)]));
        var created = RolePlanner.Plan(desired, null);

        var memory = RecentWrites.None.After(created, Start);

        memory.RoleCreatedAt.Should().Be(Start);
        memory.Documents.Keys.Should().BeEquivalentTo(DocumentKeys.Trust, DocumentKeys.Inline("audit"), DocumentKeys.Inline(EndOfAccessPolicy.Name));
        memory.Documents[DocumentKeys.Trust].Should().Be(new RecentWrite(null, desired.TrustPolicy, Start));

        var later = memory.After(RolePlanner.PlanDeletion(desired.RoleName, desired.Owner, InLine(desired), IrOperator.Resources.DeletionPolicy.Delete), Start.AddSeconds(1));
        later.RoleCreatedAt.Should().BeNull();

        var pruned = memory.Prune(Start.AddSeconds(31), Window);
        pruned.RoleCreatedAt.Should().BeNull();
        pruned.Documents.Should().BeEmpty();
        memory.Prune(Start.AddSeconds(5), Window).Documents.Should().HaveCount(3);
    }

    public static TheoryData<string, Func<ObservedRole, ObservedRole>> StaleReads => new()
    {
        { "managed policy attached", o => o with { AttachedPolicyArns = [] } },
        { "managed policy detached", o => o with { AttachedPolicyArns = [.. o.AttachedPolicyArns, "arn:aws:iam::aws:policy/AdministratorAccess"] } },
        { "boundary set", o => o with { PermissionsBoundaryArn = null } },
        { "boundary changed", o => o with { PermissionsBoundaryArn = "arn:aws:iam::aws:policy/Old" } },
        { "description", o => o with { Description = "old" } },
        { "max session duration", o => o with { MaxSessionDuration = 3600 } },
        { "tag changed", o => o with { Tags = new Dictionary<string, string>(o.Tags) { ["team"] = "old" } } },
        { "tag added", o => o with { Tags = o.Tags.Where(t => t.Key != "team").ToDictionary() } },
        { "tag removed", o => o with { Tags = new Dictionary<string, string>(o.Tags) { ["extra"] = "1" } } },
    };

    [Theory]
    [MemberData(nameof(StaleReads))]
    public void A_read_that_still_shows_any_value_just_replaced_is_not_written_again(string because, Func<ObservedRole, ObservedRole> before)
    {
        var desired = Desired(Standing("analyst", spec => spec.PermissionsBoundaryArn = "arn:aws:iam::aws:policy/New"));
        var stale = before(InLine(desired));
        var applied = RolePlanner.Plan(desired, stale);
        applied.Outcome.Should().Be(PlanOutcome.Update, because);
        var memory = RecentWrites.None.After(applied, Start);

        var inside = RolePlanner.Plan(desired, stale, new PlanContext(Start.AddSeconds(5), Window, memory));
        inside.Outcome.Should().Be(PlanOutcome.AwaitingPropagation, because);
        inside.Steps.Should().BeEmpty(because);

        RolePlanner.Plan(desired, stale, new PlanContext(Start.AddSeconds(31), Window, memory)).Changes.Should().Equal(applied.Changes, because);
        RolePlanner.Plan(desired, InLine(desired), new PlanContext(Start.AddSeconds(5), Window, memory)).Outcome.Should().Be(PlanOutcome.InSync, because);
    }

    [Fact]
    public void A_third_value_inside_the_window_is_drift()
    {
        var desired = Desired(Standing());
        var applied = RolePlanner.Plan(desired, InLine(desired) with { Description = "old" });
        var memory = RecentWrites.None.After(applied, Start);

        RolePlanner.Plan(desired, InLine(desired) with { Description = "someone else's" }, new PlanContext(Start.AddSeconds(5), Window, memory))
            .Changes.Should().Equal("description: changed");
    }

    [Fact]
    public void Only_the_steps_applied_are_remembered()
    {
        var desired = Desired(Standing());
        var plan = RolePlanner.Plan(desired, InLine(desired) with { Description = "old", InlinePolicies = new Dictionary<string, string>() });

        var memory = RecentWrites.None.After(plan.Steps.Take(1), Start);

        memory.Documents.Keys.Should().Equal(DocumentKeys.Inline("audit"));
        memory.Values.Should().BeEmpty();
    }

    [Fact]
    public void A_spec_change_inside_the_window_is_written_at_once()
    {
        var first = Desired(Standing());
        var written = RolePlanner.Plan(first, InLine(first) with { Description = "old", AssumeRolePolicyDocument = Old.ToJson() });
        var memory = RecentWrites.None.After(written, Start);
        var changed = Desired(Standing("analyst", spec =>
        {
            spec.Description = "newer";
            spec.Trust!.RequireMfa = false;
        }));

        var plan = RolePlanner.Plan(changed, InLine(first) with { Description = "old", AssumeRolePolicyDocument = Old.ToJson() }, new PlanContext(Start.AddSeconds(5), Window, memory));

        plan.Steps.Select(s => s.Action).Should().Equal(["UpdateAssumeRolePolicy", "UpdateRole"], plan.Render());
        plan.Propagating.Should().BeEmpty();
    }
}
