using System.Text.Json.Nodes;
using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Resources;
using static IrOperator.Tests.Iam.ObservedRoles;
using static IrOperator.Tests.Iam.RoleFixtures;

namespace IrOperator.Tests.Iam;

public class RolePlannerTests
{
    private static readonly DesiredRole Analyst = Desired(Standing());

    private static string[] Actions(RolePlan plan) => plan.Steps.Select(step => step.Action).ToArray();

    [Fact]
    public void An_absent_role_is_created_with_trust_tags_and_boundary_then_its_policies()
    {
        var desired = Desired(Standing("analyst", spec => spec.PermissionsBoundaryArn = "arn:aws:iam::111122223333:policy/boundary"));

        var plan = RolePlanner.Plan(desired, null);

        plan.Outcome.Should().Be(PlanOutcome.Create);
        Actions(plan).Should().Equal("CreateRole", "PutRolePolicy", "AttachRolePolicy");
        var create = plan.Steps[0].Should().BeOfType<CreateRoleStep>().Subject;
        var request = create.ToRequest();
        request.RoleName.Should().Be("ir-analyst");
        request.Path.Should().Be("/incident-response/");
        request.MaxSessionDuration.Should().Be(7200);
        request.PermissionsBoundary.Should().Be("arn:aws:iam::111122223333:policy/boundary");
        request.AssumeRolePolicyDocument.Should().Be(desired.TrustPolicy.ToJson());
        request.Tags.Should().Contain(new IrOperator.Aws.Iam.IamTag("iroperator.io/owner", "responderrole/analyst"));
        plan.Changes.Should().Equal("role /incident-response/ir-analyst created", "inline policy audit: added", "managed policy arn:aws:iam::aws:policy/ReadOnlyAccess: attached");
    }

    [Fact]
    public void On_create_the_end_of_access_denies_come_before_any_permission()
    {
        var desired = Desired(BreakGlass("forensics", spec => spec.Preset = RolePreset.ForensicInvestigator), new RoleAccess([], [new EndOfAccess("alice", Start)]));

        var plan = RolePlanner.Plan(desired, null);

        plan.Steps.OfType<PutRolePolicyStep>().Select(step => step.PolicyName).Should().Equal(
            EndOfAccessPolicy.Name, "audit", "iroperator-preset-analyst", "iroperator-preset-forensics");
    }

    [Fact]
    public void A_role_in_line_makes_no_write_however_iam_spells_its_documents()
    {
        var plan = RolePlanner.Plan(Analyst, InLine(Analyst));

        plan.Outcome.Should().Be(PlanOutcome.InSync);
        plan.Steps.Should().BeEmpty();
    }

    [Fact]
    public void An_account_id_principal_stored_by_iam_as_root_is_in_line()
    {
        var observed = InLine(Analyst) with
        {
            AssumeRolePolicyDocument = Analyst.TrustPolicy.ToJson().Replace("arn:aws:iam::222222222222:root", "222222222222", StringComparison.Ordinal),
        };

        RolePlanner.Plan(Analyst, observed).Outcome.Should().Be(PlanOutcome.InSync);
    }

    public static TheoryData<string, Func<ObservedRole, ObservedRole>, string[], string[]> FieldChanges => new()
    {
        { "description", o => o with { Description = "old" }, ["UpdateRole"], ["description: changed"] },
        { "description removed from the spec", o => o with { Description = "old" }, ["UpdateRole"], ["description: changed"] },
        { "max session duration", o => o with { MaxSessionDuration = 3600 }, ["UpdateRole"], ["max session duration: 7200s"] },
        { "description and session in one call", o => o with { Description = "old", MaxSessionDuration = 3600 }, ["UpdateRole"], ["description: changed, max session duration: 7200s"] },
        { "boundary added outside the operator", o => o with { PermissionsBoundaryArn = "arn:aws:iam::aws:policy/X" }, ["DeleteRolePermissionsBoundary"], ["permissions boundary: arn:aws:iam::aws:policy/X removed"] },
        { "managed policy detached", o => o with { AttachedPolicyArns = [] }, ["AttachRolePolicy"], ["managed policy arn:aws:iam::aws:policy/ReadOnlyAccess: attached"] },
        { "managed policy attached outside the operator", o => o with { AttachedPolicyArns = [.. o.AttachedPolicyArns, "arn:aws:iam::aws:policy/AdministratorAccess"] }, ["DetachRolePolicy"], ["managed policy arn:aws:iam::aws:policy/AdministratorAccess: detached"] },
        { "inline policy deleted", o => o with { InlinePolicies = new Dictionary<string, string>() }, ["PutRolePolicy"], ["inline policy audit: added"] },
        { "inline policy added outside the operator", o => o with { InlinePolicies = new Dictionary<string, string>(o.InlinePolicies) { ["backdoor"] = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""" } }, ["DeleteRolePolicy"], ["inline policy backdoor: removed"] },
        { "inline policy changed", o => o with { InlinePolicies = new Dictionary<string, string> { ["audit"] = """{"Version":"2012-10-17","Statement":{"Sid":"Read","Effect":"Allow","Action":"logs:*","Resource":"*"}}""" } }, ["PutRolePolicy"], ["inline policy audit: ~statement Read"] },
        { "tag value changed", o => o with { Tags = new Dictionary<string, string>(o.Tags) { ["team"] = "other" } }, ["TagRole"], ["tags: team=security"] },
        { "tag added outside the operator", o => o with { Tags = new Dictionary<string, string>(o.Tags) { ["extra"] = "1" } }, ["UntagRole"], ["tags removed: extra"] },
        { "trust widened outside the operator", o => o with { AssumeRolePolicyDocument = """{"Version":"2012-10-17","Statement":{"Sid":"Evil","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}""" }, ["UpdateAssumeRolePolicy"], ["trust policy: +statement IrStanding, -statement Evil"] },
    };

    [Theory]
    [MemberData(nameof(FieldChanges))]
    public void Each_difference_is_corrected_by_its_one_call(string because, Func<ObservedRole, ObservedRole> drift, string[] actions, string[] changes)
    {
        var plan = RolePlanner.Plan(Analyst, drift(InLine(Analyst)));

        plan.Outcome.Should().Be(PlanOutcome.Update, because);
        Actions(plan).Should().Equal(actions, because);
        plan.Changes.Should().Equal(changes, because);
    }

    [Fact]
    public void A_spec_without_description_clears_the_one_iam_has()
    {
        var desired = Desired(Standing("analyst", spec => spec.Description = null));

        var step = RolePlanner.Plan(desired, InLine(desired) with { Description = "old" }).Steps.Should().ContainSingle().Subject.Should().BeOfType<UpdateRoleStep>().Subject;

        step.Description.Should().BeEmpty();
        step.MaxSessionDuration.Should().BeNull();
        RolePlanner.Plan(desired, InLine(desired) with { Description = "" }).Outcome.Should().Be(PlanOutcome.InSync);
    }

    [Fact]
    public void A_boundary_set_or_changed_in_the_spec_is_put()
    {
        var desired = Desired(Standing("analyst", spec => spec.PermissionsBoundaryArn = "arn:aws:iam::aws:policy/New"));

        RolePlanner.Plan(desired, InLine(desired) with { PermissionsBoundaryArn = null }).Changes.Should().Equal("permissions boundary: set to arn:aws:iam::aws:policy/New");
        RolePlanner.Plan(desired, InLine(desired) with { PermissionsBoundaryArn = "arn:aws:iam::aws:policy/Old" }).Changes
            .Should().Equal("permissions boundary: arn:aws:iam::aws:policy/Old -> arn:aws:iam::aws:policy/New");
    }

    [Fact]
    public void Tags_under_aws_are_never_removed() =>
        RolePlanner.Plan(Analyst, InLine(Analyst) with { Tags = new Dictionary<string, string>(Analyst.Tags) { ["aws:cloudformation:stack-name"] = "x" } })
            .Outcome.Should().Be(PlanOutcome.InSync);

    [Fact]
    public void Everything_changed_at_once_is_ordered_so_access_only_closes_before_it_opens()
    {
        var desired = Desired(Standing("analyst", spec => spec.PermissionsBoundaryArn = "arn:aws:iam::aws:policy/New"), new RoleAccess([], [new EndOfAccess("alice", Start)]));
        var observed = InLine(Analyst) with
        {
            AssumeRolePolicyDocument = """{"Version":"2012-10-17","Statement":{"Sid":"Evil","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}""",
            PermissionsBoundaryArn = "arn:aws:iam::aws:policy/Old",
            AttachedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess"],
            InlinePolicies = new Dictionary<string, string> { ["backdoor"] = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""" },
            Description = "old",
            Tags = new Dictionary<string, string>(Analyst.Tags) { ["extra"] = "1", ["team"] = "x" },
        };

        Actions(RolePlanner.Plan(desired, observed)).Should().Equal(
            "UpdateAssumeRolePolicy", "PutRolePolicy", "PutRolePermissionsBoundary", "DetachRolePolicy", "DeleteRolePolicy",
            "PutRolePolicy", "AttachRolePolicy", "UpdateRole", "TagRole", "UntagRole");
        Actions(RolePlanner.Plan(desired, observed with { AssumeRolePolicyDocument = Respell(Desired(BreakGlass()).TrustPolicy) })).Should().EndWith("UpdateAssumeRolePolicy");
        RolePlanner.Plan(desired, observed).Steps.OfType<PutRolePolicyStep>().Select(s => s.PolicyName).Should().Equal(EndOfAccessPolicy.Name, "audit");
    }

    [Fact]
    public void Removing_a_boundary_comes_after_the_permissions_are_narrowed()
    {
        var observed = InLine(Analyst) with
        {
            PermissionsBoundaryArn = "arn:aws:iam::aws:policy/Old",
            AttachedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
        };

        Actions(RolePlanner.Plan(Analyst, observed)).Should().Equal("DetachRolePolicy", "DeleteRolePermissionsBoundary");
    }

    [Fact]
    public void A_new_grant_opens_trust_last_and_keeps_the_rest()
    {
        var dormant = Desired(BreakGlass());
        var granted = Desired(BreakGlass(), new RoleAccess([Grant("uid-a")], []));
        var observed = InLine(dormant) with { MaxSessionDuration = 3600 };

        var plan = RolePlanner.Plan(granted, observed);

        Actions(plan).Should().Equal("UpdateRole", "UpdateAssumeRolePolicy");
        plan.Steps.OfType<UpdateAssumeRolePolicyStep>().Single().Change.Should().Be($"trust policy: +statement {Grant("uid-a").Sid}, -statement IrDormant");
        Actions(RolePlanner.Plan(granted, InLine(dormant))).Should().Equal("UpdateAssumeRolePolicy");
    }

    [Fact]
    public void An_ended_grant_closes_trust_first_and_only_its_statement_goes()
    {
        var before = Desired(BreakGlass(), new RoleAccess([Grant("uid-a"), Grant("uid-b", "bob")], []));
        var after = Desired(BreakGlass(), new RoleAccess([Grant("uid-a")], [new EndOfAccess("bob", Start.AddHours(2))]));
        var observed = InLine(before) with { MaxSessionDuration = 3600 };

        var plan = RolePlanner.Plan(after, observed);

        Actions(plan).Should().Equal("UpdateAssumeRolePolicy", "PutRolePolicy", "UpdateRole");
        var trust = plan.Steps.OfType<UpdateAssumeRolePolicyStep>().Single();
        trust.Change.Should().Be($"trust policy: -statement {Grant("uid-b").Sid}");
        trust.Document.FindStatement(Grant("uid-a").Sid).Should().Be(before.TrustPolicy.FindStatement(Grant("uid-a").Sid));
        trust.Document.Statements.Should().HaveCount(1);
        plan.Steps.OfType<PutRolePolicyStep>().Single().Change.Should().Be($"inline policy {EndOfAccessPolicy.Name}: added");
    }

    [Fact]
    public void The_last_grant_ending_makes_the_role_dormant_first()
    {
        var granted = Desired(BreakGlass(), new RoleAccess([Grant("uid-a")], []));

        var plan = RolePlanner.Plan(Desired(BreakGlass()), InLine(granted) with { Description = "x" });

        Actions(plan).Should().Equal("UpdateAssumeRolePolicy", "UpdateRole");
        plan.Changes[0].Should().Be($"trust policy: +statement IrDormant, -statement {Grant("uid-a").Sid}");
    }

    [Fact]
    public void A_pruned_end_of_access_policy_is_deleted()
    {
        var ended = Desired(BreakGlass(), new RoleAccess([], [new EndOfAccess("bob", Start)]));

        var plan = RolePlanner.Plan(Desired(BreakGlass()), InLine(ended));

        plan.Steps.Should().ContainSingle().Which.Should().BeOfType<DeleteRolePolicyStep>().Which.PolicyName.Should().Be(EndOfAccessPolicy.Name);
    }

    [Fact]
    public void An_unreadable_document_is_rewritten_never_taken_as_equal()
    {
        var plan = RolePlanner.Plan(Analyst, InLine(Analyst) with { AssumeRolePolicyDocument = "{not json", InlinePolicies = new Dictionary<string, string> { ["audit"] = "{}" } });

        plan.Changes.Should().Equal("trust policy: replaced an unreadable document", "inline policy audit: replaced an unreadable document");
        Actions(plan).Should().Equal("UpdateAssumeRolePolicy", "PutRolePolicy");
    }

    [Theory]
    [InlineData(null, null, "the role has no iroperator.io/owner tag*")]
    [InlineData("responderrole/other", Cluster, "the role belongs to responderrole/other (iroperator.io/owner), not responderrole/analyst")]
    [InlineData("responderrole/analyst", "other-cluster", "the role belongs to cluster \"other-cluster\" (iroperator.io/cluster), not \"test-cluster\"")]
    [InlineData("responderrole/analyst", null, "the role belongs to cluster \"\" (iroperator.io/cluster), not \"test-cluster\"")]
    public void A_role_the_operator_does_not_own_is_never_taken_over(string? owner, string? cluster, string message)
    {
        var tags = new Dictionary<string, string> { ["team"] = "security" };
        if (owner is not null)
        {
            tags[RoleOwner.OwnerTag] = owner;
        }

        if (cluster is not null)
        {
            tags[RoleOwner.ClusterTag] = cluster;
        }

        var observed = InLine(Analyst) with { Tags = tags, Description = "someone else's" };

        var plan = RolePlanner.Plan(Analyst, observed);
        plan.Outcome.Should().Be(PlanOutcome.NotOwned);
        plan.Steps.Should().BeEmpty();
        plan.Message.Should().Match(message);

        var deletion = RolePlanner.PlanDeletion(Analyst.RoleName, Analyst.Owner, observed, DeletionPolicy.Delete);
        deletion.Outcome.Should().Be(PlanOutcome.NotOwned);
        deletion.Steps.Should().BeEmpty();
    }

    [Fact]
    public void A_role_at_another_path_is_replaced_because_iam_cannot_move_it()
    {
        var plan = RolePlanner.Plan(Analyst, InLine(Analyst) with { Path = "/old/" });

        plan.Outcome.Should().Be(PlanOutcome.Replace);
        Actions(plan).Should().Equal("DetachRolePolicy", "DeleteRolePolicy", "DeleteRole", "CreateRole", "PutRolePolicy", "AttachRolePolicy");
        plan.Message.Should().Contain("/old/").And.Contain("/incident-response/");
    }

    [Fact]
    public void Delete_detaches_deletes_inline_policies_with_the_denies_last_then_the_role()
    {
        var desired = Desired(BreakGlass(), new RoleAccess([], [new EndOfAccess("bob", Start)]));

        var plan = RolePlanner.PlanDeletion(desired.RoleName, desired.Owner, InLine(desired), DeletionPolicy.Delete);

        plan.Outcome.Should().Be(PlanOutcome.Delete);
        plan.Steps.Select(step => step.Change).Should().Equal(
            "managed policy arn:aws:iam::aws:policy/ReadOnlyAccess: detached",
            "inline policy audit: removed",
            $"inline policy {EndOfAccessPolicy.Name}: removed",
            "role deleted");
    }

    [Fact]
    public void Retain_removes_only_the_ownership_tags()
    {
        var plan = RolePlanner.PlanDeletion(Analyst.RoleName, Analyst.Owner, InLine(Analyst), DeletionPolicy.Retain);

        plan.Outcome.Should().Be(PlanOutcome.Release);
        plan.Steps.Should().ContainSingle().Which.Should().BeOfType<UntagRoleStep>().Which.TagKeys.Should().Equal(RoleOwner.OwnerTag, RoleOwner.ClusterTag);
    }

    [Fact]
    public void Deleting_an_absent_role_does_nothing() =>
        RolePlanner.PlanDeletion("ir-analyst", Analyst.Owner, null, DeletionPolicy.Delete).Should().Match<RolePlan>(p => p.Outcome == PlanOutcome.Absent && p.IsEmpty);

    [Fact]
    public void The_plan_renders_for_the_cli_with_the_documents_sent()
    {
        var text = RolePlanner.Plan(Analyst, null).Render();

        text.Should().StartWith("ir-analyst: Create");
        text.Should().Contain("1. CreateRole: role /incident-response/ir-analyst created");
        text.Should().Contain(Analyst.TrustPolicy.ToJson());
        text.Should().Contain("2. PutRolePolicy: inline policy audit: added");
    }

    [Fact]
    public void A_user_inline_policy_is_sent_in_canonical_form()
    {
        var desired = Desired(Standing("analyst", spec => spec.InlinePolicies!["audit"] = (JsonObject)JsonNode.Parse("""{ "Statement": [ { "Resource": "*", "Action": ["logs:GetLogEvents"], "Effect": "Allow" } ], "Version": "2012-10-17" }""")!));

        RolePlanner.Plan(desired, null).Steps.OfType<PutRolePolicyStep>().Single().Document.ToJson()
            .Should().Be("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"logs:GetLogEvents","Resource":"*"}}""");
    }
}
