using IrOperator.Cli.Grants;
using IrOperator.Resources;
using IrOperator.Tests.Controllers.Grants;
using k8s.Models;

namespace IrOperator.Tests.Cli;

/// <summary>What list, show and wait print, on a fixed time; and the names request generates.</summary>
public sealed class GrantTextTests
{
    private static readonly DateTimeOffset Now = GrantObjects.Start.AddMinutes(17).AddSeconds(30);

    [Fact]
    public void Show_gives_time_left_approvals_conditions_and_the_commands_of_an_active_grant()
    {
        var grant = ActiveGrant();

        var text = GrantText.Details(grant, Now);

        text.Should().MatchRegex(@"\nPhase: +Active\n")
            .And.MatchRegex(@"\nExpires at: +2026-11-29T12:00:00Z \(1h42m30s left\)\n")
            .And.MatchRegex(@"\nApprovals: +bob at 2026-11-29T10:00:00Z; erin via incident-commanders at 2026-11-29T10:00:00Z\n")
            .And.MatchRegex(@"\n  Active +True +Activated +open in 1 account\n")
            .And.Contain("Access per account:\n  333333333333  Active  arn:aws:iam::333333333333:role/ir-forensics\n    aws sts assume-role --role-arn arn:aws:iam::333333333333:role/ir-forensics --role-session-name alice --source-identity alice\n");
    }

    [Fact]
    public void An_ended_grant_shows_no_time_left_and_no_command_to_run()
    {
        var grant = ActiveGrant().Ended(GrantPhase.Expired, GrantObjects.Start.AddHours(2));

        var text = GrantText.Details(grant, Now.AddHours(3));

        text.Should().MatchRegex(@"\nExpires at: +2026-11-29T12:00:00Z\n").And.MatchRegex(@"\nEnded at: +2026-11-29T12:00:00Z\n").And.NotContain("aws sts assume-role");
        GrantView.Remaining(grant, Now).Should().BeNull();
    }

    [Fact]
    public void The_table_has_one_aligned_row_per_grant()
    {
        var pending = GrantObjects.Grant(name: "alice-inc-1");
        pending.Metadata.CreationTimestamp = GrantObjects.Start.UtcDateTime;

        var lines = GrantText.Table([ActiveGrant(), pending], Now, withNamespace: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Should().HaveCount(3);
        lines[0].Should().MatchRegex("^NAME +ROLE +REQUESTED BY +PHASE +APPROVALS +EXPIRES +INCIDENT +AGE$");
        lines[1].Should().MatchRegex(@"^alice-inc-1 +forensics +alice +Pending +0 +INC-4711 +17m30s$");
        lines[2].Should().MatchRegex(@"^alice-inc-4711 +forensics +alice +Active +2 \(bob, erin\) +2026-11-29T12:00:00Z \(1h42m30s left\) +INC-4711");
        lines[1].IndexOf("forensics", StringComparison.Ordinal).Should().Be(lines[2].IndexOf("forensics", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_names_the_reason_and_each_account()
    {
        var grant = ActiveGrant();
        grant.Status!.Phase = GrantPhase.Approved;
        grant.Status.Accounts![0].State = GrantAccountState.Written;
        grant.Status.Conditions![1] = new V1Condition { Type = "Active", Status = "False", Reason = "Activating", Message = "waiting for IAM to show the statement" };

        GrantText.Progress(grant).Should().Be("Approved - Activating: waiting for IAM to show the statement [333333333333 Written]");
        GrantText.Progress(GrantObjects.Grant()).Should().Be("Pending - the operator has not seen the grant yet");
    }

    [Fact]
    public void Progress_of_an_approved_grant_held_pending_names_what_holds_it()
    {
        var grant = ActiveGrant();
        grant.Status!.Phase = GrantPhase.Pending;
        grant.Status.Accounts![0].State = GrantAccountState.Pending;
        grant.Status.Conditions![0] = new V1Condition { Type = "Approved", Status = "True", Reason = "Approved", Message = "approved by bob" };
        grant.Status.Conditions![1] = new V1Condition { Type = "Active", Status = "False", Reason = "ApprovalPolicyMissing", Message = "the approval admission policy is not installed" };

        GrantText.Progress(grant).Should().Be("Pending - ApprovalPolicyMissing: the approval admission policy is not installed [333333333333 Pending]");
    }

    public static TheoryData<GrantPhase?, WaitTarget, bool?> WaitCases => new()
    {
        { null, WaitTarget.Active, null },
        { GrantPhase.Pending, WaitTarget.Active, null },
        { GrantPhase.Approved, WaitTarget.Active, null },
        { GrantPhase.Approved, WaitTarget.Approved, true },
        { GrantPhase.Active, WaitTarget.Active, true },
        { GrantPhase.Denied, WaitTarget.Active, false },
        { GrantPhase.Failed, WaitTarget.Approved, false },
        { GrantPhase.Expired, WaitTarget.Active, false },
        { GrantPhase.Active, WaitTarget.Ended, null },
        { GrantPhase.Revoked, WaitTarget.Ended, true },
    };

    [Theory]
    [MemberData(nameof(WaitCases))]
    public void Wait_stops_when_the_state_is_reached_or_can_no_longer_be(GrantPhase? phase, WaitTarget target, bool? expected)
    {
        var grant = GrantObjects.Grant();
        if (phase is not null)
        {
            grant.Status = new BreakGlassGrantStatus { Phase = phase };
        }

        WaitVerb.Evaluate(grant, target).Should().Be(expected);
    }

    [Theory]
    [InlineData("alice", "INC-4711", "alice-inc-4711-")]
    [InlineData("oidc:erin@example.com", "SEV1 / prod db", "erin-example-com-sev1-prod-db-")]
    [InlineData("system:serviceaccount:ir:bot", "INC_1", "bot-inc-1-")]
    public void Request_generates_a_readable_dns_name(string user, string incident, string expected) =>
        RequestVerb.GenerateName(user, incident).Should().Be(expected);

    private static BreakGlassGrant ActiveGrant()
    {
        var grant = GrantObjects.Grant().Activated(GrantObjects.Start, TimeSpan.FromHours(2));
        grant.Metadata.CreationTimestamp = GrantObjects.Start.UtcDateTime;
        grant.Status!.Approvals = [new Approval { By = "bob", At = GrantObjects.Start.UtcDateTime }, new Approval { By = "erin", Groups = ["incident-commanders"], At = GrantObjects.Start.UtcDateTime }];
        grant.Status.Accounts![0].RoleArn = "arn:aws:iam::333333333333:role/ir-forensics";
        grant.Status.Accounts[0].State = GrantAccountState.Active;
        grant.Status.Accounts[0].AssumeRoleCommand = "aws sts assume-role --role-arn arn:aws:iam::333333333333:role/ir-forensics --role-session-name alice --source-identity alice";
        grant.Status.Conditions =
        [
            new V1Condition { Type = "Approved", Status = "True", Reason = "Approved", Message = "approved by bob, erin" },
            new V1Condition { Type = "Active", Status = "True", Reason = "Activated", Message = "open in 1 account" },
        ];
        return grant;
    }
}
