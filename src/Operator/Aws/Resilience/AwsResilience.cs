using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using IrOperator.Aws.Errors;
using Polly;
using Polly.Retry;

namespace IrOperator.Aws.Resilience;

/// <summary>
/// AWS standard-mode retries (throttling codes and 5xx, exponential backoff with jitter, bounded attempts)
/// through Polly, and a client-side token bucket per account and API. Shared by every client of the operator.
/// </summary>
public sealed class AwsResilience : IDisposable
{
    private readonly AwsResilienceOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly ConcurrentDictionary<(string Account, string Service, string Action), TokenBucketRateLimiter> _limiters = new();

    public AwsResilience(AwsResilienceOptions options, TimeProvider timeProvider)
    {
        options.Validate();
        _options = options;
        // Polly refuses a retry strategy with zero retries: one attempt means no strategy at all.
        _pipeline = options.MaxAttempts == 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxAttempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.BaseDelay,
                    MaxDelay = options.MaxDelay,
                    ShouldHandle = new PredicateBuilder().Handle<AwsServiceException>(e => e.IsRetryable),
                })
                .Build();
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its 1-based number) under the retry policy; each attempt first
    /// takes a permit of the account's limiter for this API, so retries count against the rate too.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string account, string service, string action, Func<int, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var limiter = _limiters.GetOrAdd((account, service, action), key => CreateLimiter(_options.RateLimitFor(key.Service, key.Action)));
        var number = 0;
        return await _pipeline.ExecuteAsync(
            async ct =>
            {
                using var lease = await limiter.AcquireAsync(1, ct).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    throw new AwsServiceException(service, action, AwsErrorCodes.ClientRateLimited, $"More than {_options.RateLimitFor(service, action).QueueLimit} calls were waiting for the client-side rate limit of account {account}.", 0, null);
                }

                return await attempt(Interlocked.Increment(ref number), ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }

        _limiters.Clear();
    }

    private static TokenBucketRateLimiter CreateLimiter(AwsRateLimit limit) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = limit.Burst,
        TokensPerPeriod = limit.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = limit.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
