using System.Diagnostics;
using System.Net;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Resilience;

namespace IrOperator.Tests.AwsClients;

public sealed class AwsResilienceTests
{
    private static AwsResilience Create(int maxAttempts = 3, AwsRateLimit? limit = null)
    {
        var options = new AwsResilienceOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        if (limit is not null)
        {
            options.DefaultRateLimit = limit;
        }

        return new AwsResilience(options, TimeProvider.System);
    }

    private static AwsServiceException Error(string code, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new("iam", "GetRole", code, "failed", status, "rid");

    [Theory]
    [InlineData("Throttling", 3)]
    [InlineData("ServiceUnavailable", 3)]
    [InlineData("LimitExceeded", 1)]
    [InlineData("NoSuchEntity", 1)]
    [InlineData("MalformedPolicyDocument", 1)]
    public async Task Only_throttling_and_transient_errors_are_retried_up_to_the_attempt_budget(string code, int expectedAttempts)
    {
        using var resilience = Create();
        var attempts = 0;

        var act = () => resilience.ExecuteAsync<int>("111111111111", "iam", "GetRole", (_, _) =>
        {
            attempts++;
            throw Error(code);
        }, CancellationToken.None);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(code);
        attempts.Should().Be(expectedAttempts);
    }

    [Fact]
    public async Task A_call_that_recovers_returns_its_result_and_reports_the_attempt_number()
    {
        using var resilience = Create(maxAttempts: 4);

        var result = await resilience.ExecuteAsync("111111111111", "iam", "GetRole", (attempt, _) =>
            attempt < 3 ? throw Error("Throttling") : Task.FromResult(attempt), CancellationToken.None);

        result.Should().Be(3);
    }

    [Fact]
    public async Task Cancellation_stops_retrying()
    {
        using var resilience = new AwsResilience(new AwsResilienceOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) }, TimeProvider.System);
        using var cancellation = new CancellationTokenSource();
        var attempts = 0;

        var call = resilience.ExecuteAsync<int>("111111111111", "iam", "GetRole", (_, _) =>
        {
            attempts++;
            cancellation.Cancel();
            throw Error("Throttling");
        }, cancellation.Token);

        await call.Invoking(c => c).Should().ThrowAsync<OperationCanceledException>();
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task Rate_limit_applies_per_account_and_action()
    {
        using var resilience = Create(limit: new AwsRateLimit(PermitsPerSecond: 1, Burst: 2));
        var stopwatch = Stopwatch.StartNew();

        // Burst of 2 per (account, action): these six calls each fit in their own bucket's burst.
        foreach (var account in new[] { "111111111111", "222222222222" })
        {
            foreach (var action in new[] { "GetRole", "ListRoles", "TagRole" })
            {
                await resilience.ExecuteAsync(account, "iam", action, (_, _) => Task.FromResult(0), CancellationToken.None);
                await resilience.ExecuteAsync(account, "iam", action, (_, _) => Task.FromResult(0), CancellationToken.None);
            }
        }

        var unthrottled = stopwatch.Elapsed;

        // The third call on one bucket waits for the next token (one per second).
        await resilience.ExecuteAsync("111111111111", "iam", "GetRole", (_, _) => Task.FromResult(0), CancellationToken.None);

        unthrottled.Should().BeLessThan(TimeSpan.FromMilliseconds(500));
        stopwatch.Elapsed.Should().BeGreaterThan(unthrottled + TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_full_queue_fails_fast_as_client_throttling()
    {
        using var resilience = Create(maxAttempts: 1, limit: new AwsRateLimit(PermitsPerSecond: 1, Burst: 1, QueueLimit: 0));
        await resilience.ExecuteAsync("111111111111", "iam", "GetRole", (_, _) => Task.FromResult(0), CancellationToken.None);

        var act = () => resilience.ExecuteAsync("111111111111", "iam", "GetRole", (_, _) => Task.FromResult(0), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be(AwsErrorCodes.ClientRateLimited);
        error.IsThrottled.Should().BeTrue();
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 0, 1)]
    [InlineData(3, 1, 0)]
    public void Invalid_options_are_refused(int maxAttempts, int permits, int burst)
    {
        var options = new AwsResilienceOptions { MaxAttempts = maxAttempts, DefaultRateLimit = new AwsRateLimit(permits, burst) };

        options.Invoking(o => o.Validate()).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Most_specific_rate_limit_wins()
    {
        var options = new AwsResilienceOptions();
        options.RateLimits["iam"] = new AwsRateLimit(5, 5);
        options.RateLimits["iam:CreateRole"] = new AwsRateLimit(1, 1);

        options.RateLimitFor("iam", "CreateRole").PermitsPerSecond.Should().Be(1);
        options.RateLimitFor("iam", "GetRole").PermitsPerSecond.Should().Be(5);
        options.RateLimitFor("organizations", "ListAccounts").Should().Be(options.DefaultRateLimit);
    }
}
