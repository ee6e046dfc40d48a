using System.Threading.RateLimiting;
using IrOperator.Kube;

namespace IrOperator.Tests.Runtime;

/// <summary>
/// Which bucket an urgent request takes its token from (docs/runtime.md, "Urgent work"). The buckets never refill on
/// their own here (no auto replenishment, never replenished), so every outcome is decided by the counts alone.
/// </summary>
public sealed class UrgentRateLimiterTests : IDisposable
{
    private readonly TokenBucketRateLimiter _shared = Bucket(tokens: 2);
    private readonly TokenBucketRateLimiter _urgentBudget = Bucket(tokens: 1);

    public void Dispose()
    {
        _shared.Dispose();
        _urgentBudget.Dispose();
    }

    [Fact]
    public async Task A_free_shared_token_is_taken_first_and_the_urgent_budget_is_kept()
    {
        using var limiter = new UrgentRateLimiter(_shared, _urgentBudget);

        using var lease = await limiter.AcquireAsync();

        lease.IsAcquired.Should().BeTrue();
        _shared.GetStatistics()!.CurrentAvailablePermits.Should().Be(1);
        _urgentBudget.GetStatistics()!.CurrentAvailablePermits.Should().Be(1);
    }

    [Fact]
    public async Task When_ordinary_requests_wait_for_the_shared_bucket_urgent_ones_take_their_own_budget_at_once()
    {
        using var limiter = new UrgentRateLimiter(_shared, _urgentBudget);
        (await _shared.AcquireAsync(2)).IsAcquired.Should().BeTrue();
        var ordinary = _shared.AcquireAsync();
        ordinary.IsCompleted.Should().BeFalse("the shared bucket is empty");

        using var lease = await limiter.AcquireAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        lease.IsAcquired.Should().BeTrue();
        _urgentBudget.GetStatistics()!.CurrentAvailablePermits.Should().Be(0);
        ordinary.IsCompleted.Should().BeFalse("the ordinary request still waits; the urgent one did not take its turn");
        limiter.AttemptAcquire().IsAcquired.Should().BeFalse("both budgets are spent");
    }

    [Fact]
    public async Task With_both_budgets_spent_an_urgent_request_waits_for_its_own_budget()
    {
        using var limiter = new UrgentRateLimiter(_shared, _urgentBudget);
        (await _shared.AcquireAsync(2)).IsAcquired.Should().BeTrue();
        (await _urgentBudget.AcquireAsync()).IsAcquired.Should().BeTrue();

        var waiting = limiter.AcquireAsync();

        waiting.IsCompleted.Should().BeFalse();
        _urgentBudget.GetStatistics()!.CurrentQueuedCount.Should().Be(1);
        _shared.GetStatistics()!.CurrentQueuedCount.Should().Be(0);
    }

    private static TokenBucketRateLimiter Bucket(int tokens) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = tokens,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromHours(1),
        QueueLimit = 10,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = false,
    });
}
