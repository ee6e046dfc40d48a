using IrOperator.Controllers;

namespace IrOperator.Tests.Controllers;

public sealed class RoleApplyLocksTests
{
    [Fact]
    public async Task A_second_apply_to_the_same_role_and_account_waits_for_the_first()
    {
        var locks = new RoleApplyLocks();
        var first = await locks.AcquireAsync("333333333333", "ir-a", CancellationToken.None);

        var second = locks.AcquireAsync("333333333333", "IR-A", CancellationToken.None);
        var other = await locks.AcquireAsync("444444444444", "ir-a", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        second.IsCompleted.Should().BeFalse("IAM role names are case-insensitive: the same role");
        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        await other.DisposeAsync();
        locks.Count.Should().Be(0, "released keys are forgotten");
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_no_key_behind()
    {
        var locks = new RoleApplyLocks();
        var held = await locks.AcquireAsync("333333333333", "ir-a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = locks.AcquireAsync("333333333333", "ir-a", cancel.Token);
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        await held.DisposeAsync();
        locks.Count.Should().Be(0);
    }
}
