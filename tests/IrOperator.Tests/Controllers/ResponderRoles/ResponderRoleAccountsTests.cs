using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.Runtime.Support;
using static IrOperator.Tests.Controllers.ResponderRoles.Roles;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>
/// Accounts one by one: selector growth and shrink, a role the operator does not own, an account that fails
/// while the others succeed, throttling, and a restart in the middle of an apply. IAM is asserted in every account.
/// </summary>
public sealed class ResponderRoleAccountsTests(ResponderRoleFixture fixture) : IClassFixture<ResponderRoleFixture>
{
    private const string ForeignTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}]}""";

    [Fact]
    public async Task Accounts_joining_the_selection_get_the_role_and_accounts_leaving_it_lose_it()
    {
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("grow", Prod));
        var name = IamName("grow");
        await fixture.StatusAsync("grow", r => r.Status?.AccountsReady == "1/1");

        await fixture.UpdateSpecAsync("grow", spec => spec.Accounts = new AccountSelector { OrganizationalUnits = ["ou-ir01-workloads"] });
        await fixture.IamAsync(Dev, name, r => r is not null && r.InlinePolicies.Count == 1);
        var grown = await fixture.StatusAsync("grow", r => r.Status?.AccountsReady == "2/2" && r.Status.ObservedGeneration == r.Metadata.Generation);
        grown.Status!.Accounts!.Select(a => a.AccountId).Should().Equal(Prod, Dev, Legacy);
        grown.Status.Accounts!.Single(a => a.AccountId == Legacy).State.Should().Be(RoleAccountState.Suspended);

        await fixture.UpdateSpecAsync("grow", spec => spec.Accounts = new AccountSelector { Ids = [Dev] });
        await fixture.IamAsync(Prod, name, r => r is null);
        fixture.Aws.Role(Prod, name).Should().BeNull();
        (await fixture.IamAsync(Dev, name, r => r is not null))!.Tags.Should().ContainKey("iroperator.io/owner");
        var shrunk = await fixture.StatusAsync("grow", r => r.Status?.AccountsReady == "1/1" && r.Status.Accounts?.Count == 1);
        shrunk.Status!.Accounts!.Single().AccountId.Should().Be(Dev);
        await Eventually.HoldsAsync(async () => (await fixture.EventsAsync("grow")).Any(e => e.Reason == "Deleted" && e.Message.Contains(Prod, StringComparison.Ordinal)), ResponderRoleFixture.Deadline);
    }

    [Fact]
    public async Task A_role_of_the_same_name_the_operator_does_not_own_is_never_taken_over()
    {
        var name = IamName("conflict");
        await fixture.Outsider(Prod).CreateRoleAsync(new IrOperator.Aws.Iam.CreateRoleRequest(name, ForeignTrust) { Path = "/incident-response/" }, CancellationToken.None);
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("conflict", Prod, Dev));

        var role = await fixture.StatusAsync("conflict", r => r.Status?.Accounts?.Any(a => a.AccountId == Prod && a.State == RoleAccountState.NotOwned) == true
            && r.Status.Accounts.Any(a => a.AccountId == Dev && a.State == RoleAccountState.Ready));
        role.Status!.AccountsReady.Should().Be("1/2");
        Conditions.Find(role.Status.Conditions, "Ready")!.Status.Should().Be(Conditions.False);
        Conditions.Find(role.Status.Conditions, "Degraded")!.Reason.Should().Be("NotOwned");
        role.Status.Accounts!.Single(a => a.AccountId == Prod).Message.Should().Contain("iroperator.io/owner");
        await Eventually.HoldsAsync(async () => (await fixture.EventsAsync("conflict")).Any(e => e.Reason == "NotOwned" && e.Type == EventRecorder.Warning), ResponderRoleFixture.Deadline);

        await fixture.DeleteAsync("conflict");
        await Eventually.HoldsAsync(async () => await fixture.GetAsync("conflict") is null, ResponderRoleFixture.Deadline);
        await fixture.IamAsync(Dev, name, r => r is null);
        var foreign = await fixture.IamAsync(Prod, name, r => r is not null);
        foreign!.Trust.ToJsonString().Should().Contain("999999999999", "the foreign role's trust was never rewritten");
        foreign.Tags.Should().BeEmpty();
        foreign.InlinePolicies.Should().BeEmpty();
        foreign.AttachedPolicyArns.Should().BeEmpty();
    }

    [Fact]
    public async Task An_account_that_fails_is_reported_with_the_AWS_code_while_the_others_succeed()
    {
        await using var op = fixture.StartOperator();
        // The management account has no provisioner role: AssumeRole is refused there.
        await fixture.CreateAsync(New("partial", Management, Prod, Dev));
        var name = IamName("partial");

        foreach (var account in new[] { Prod, Dev })
        {
            await fixture.IamAsync(account, name, r => r is not null && r.InlinePolicies.Count == 1 && r.AttachedPolicyArns.Count == 1);
        }
        var role = await fixture.StatusAsync("partial", r => r.Status?.AccountsReady == "2/3"
            && r.Status.Accounts?.Any(a => a.AccountId == Management && a.State == RoleAccountState.Error) == true);
        var failed = role.Status!.Accounts!.Single(a => a.AccountId == Management);
        failed.Message.Should().Contain("AccessDenied").And.Contain("AssumeRole");
        Conditions.Find(role.Status.Conditions, "Ready")!.Reason.Should().Be("AccountsFailed");
        Conditions.IsTrue(role.Status.Conditions, "Degraded").Should().BeTrue();
        Conditions.Find(role.Status.Conditions, "Degraded")!.Message.Should().Contain(Management);
        await Eventually.HoldsAsync(async () => (await fixture.EventsAsync("partial")).Any(e => e.Reason == "AccountFailed" && e.Message.Contains("AccessDenied", StringComparison.Ordinal)), ResponderRoleFixture.Deadline);
    }

    [Fact]
    public async Task Throttled_IAM_calls_are_retried_until_every_account_is_in_line()
    {
        fixture.Aws.Faults.Services = new HashSet<string> { "iam" };
        fixture.Aws.Faults.ThrottleRate = 0.4;
        try
        {
            await using var op = fixture.StartOperator();
            await fixture.CreateAsync(New("throttled", Tooling, Prod, Dev));
            var name = IamName("throttled");

            await fixture.StatusAsync("throttled", r => r.Status?.AccountsReady == "3/3");
            fixture.Aws.Faults.ThrottleRate = 0;
            foreach (var account in new[] { Tooling, Prod, Dev })
            {
                var iam = await fixture.IamAsync(account, name, r => r is not null && r.InlinePolicies.Count == 1 && r.AttachedPolicyArns.Count == 1);
                iam!.Tags.Should().Contain("team", "security");
            }
            fixture.Aws.Faults.Injected.Should().BeGreaterThan(0);
            fixture.Aws.Calls.Should().Contain(c => c.ErrorCode == "Throttling");
        }
        finally
        {
            fixture.Aws.Faults.ThrottleRate = 0;
            fixture.Aws.Faults.Services = new HashSet<string>();
        }
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_an_apply_finishes_the_role_without_a_duplicate()
    {
        var name = IamName("restart");
        var created = CreateRoleCalls();
        fixture.Aws.Faults.Latency = TimeSpan.FromMilliseconds(150);
        try
        {
            var first = fixture.StartOperator();
            await fixture.CreateAsync(New("restart", Tooling, Prod, Dev));
            // Stop as soon as the first role exists, before its policies are all in place.
            await Eventually.HoldsAsync(() => CreateRoleCalls() > created, ResponderRoleFixture.Deadline);
            await first.DisposeAsync();
            var partial = new[] { Tooling, Prod, Dev }.Select(a => fixture.Aws.Role(a, name)).ToList();
            partial.Should().Contain(r => r != null, "the first process created at least one role");

            await using var second = fixture.StartOperator();
            await fixture.StatusAsync("restart", r => r.Status?.AccountsReady == "3/3");
            foreach (var account in new[] { Tooling, Prod, Dev })
            {
                var iam = await fixture.IamAsync(account, name, r => r is not null && r.InlinePolicies.Count == 1 && r.AttachedPolicyArns.Count == 1);
                iam!.Tags.Should().Contain("iroperator.io/owner", "responderrole/restart");
            }
            (CreateRoleCalls() - created).Should().Be(3, "one successful CreateRole per account, none repeated");
        }
        finally
        {
            fixture.Aws.Faults.Latency = TimeSpan.Zero;
        }
    }

    private int CreateRoleCalls() => fixture.Aws.Calls.Count(c => c.Action == "CreateRole" && c.Status == 200);
}
