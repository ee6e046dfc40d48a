using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace IrOperator.Kube;

/// <summary>
/// The client-side rate limit and retries KubernetesClient lacks, as one HTTP handler (Polly pipelines
/// from Microsoft.Extensions.Http.Resilience, token bucket from System.Threading.RateLimiting).
/// Which requests are retried on what:
/// - GET, PUT, PATCH, DELETE: 429, 500/502/503/504 and transport failures. Replaying them is safe: our
///   PUTs and PATCHes carry metadata.resourceVersion, so a replay of a write that already landed fails
///   with 409 and the caller re-reads, and a repeated DELETE answers 404, which cleanup treats as done.
/// - POST (create): only 429 and a refused connection, the two cases where the server certainly did not
///   act. A 5xx or a connection dropped mid-request may hide a create that succeeded; a blind replay
///   could then create twice (generateName) or mask the real outcome. The error goes back to the
///   reconcile, which re-reads and finds the object (or AlreadyExists) on its next level-based pass.
/// Every attempt, retries included, takes a token from the bucket; at most QueueLimit requests wait for one.
/// Requests made inside <see cref="KubeRequestPriority.BeginUrgent"/> (ending access) take a shared token only when one
/// is free at once, else one of a small bucket of their own (<see cref="UrgentRateLimiter"/>, docs/runtime.md "Urgent work").
/// </summary>
public static class KubeRequestPolicy
{
    private static readonly HashSet<HttpStatusCode> RetriedStatus =
    [
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>The handler to pass to <c>new Kubernetes(config, handler)</c>.</summary>
    public static ResilienceHandler CreateHandler(KubeClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        RateLimiter? limiter = options.Qps > 0 ? Bucket(options.Qps, options.Burst, options.QueueLimit) : null;
        RateLimiter? urgentLimiter = limiter is not null && options.UrgentQps > 0
            ? new UrgentRateLimiter(limiter, Bucket(options.UrgentQps, options.UrgentBurst, options.QueueLimit))
            : limiter;
        var idempotent = Build(options, time, limiter, IsRetriableForIdempotent);
        var create = Build(options, time, limiter, IsRetriableForCreate);
        var urgentIdempotent = Build(options, time, urgentLimiter, IsRetriableForIdempotent);
        var urgentCreate = Build(options, time, urgentLimiter, IsRetriableForCreate);
        return new ResilienceHandler(request => (request.Method == HttpMethod.Post, KubeRequestPriority.IsUrgent) switch
        {
            (true, true) => urgentCreate,
            (false, true) => urgentIdempotent,
            (true, false) => create,
            (false, false) => idempotent,
        });
    }

    /// <summary>
    /// A token bucket of <paramref name="qps"/> per second (refilled in tenths of a second, or per token below 10/s) and
    /// <paramref name="burst"/> tokens, oldest waiter first. It refills on its own timer (the limiter's, on the machine's
    /// clock: System.Threading.RateLimiting's bucket measures elapsed time itself).
    /// </summary>
    internal static TokenBucketRateLimiter Bucket(double qps, int burst, int queueLimit)
    {
        var perPeriod = Math.Max(1, (int)Math.Ceiling(qps / 10));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perPeriod / qps),
            QueueLimit = Math.Max(0, queueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    internal static bool IsRetriableForIdempotent(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: IOException } => true,
        { Result: { } response } => RetriedStatus.Contains(response.StatusCode),
        _ => false,
    };

    internal static bool IsRetriableForCreate(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        _ => false,
    };

    private static ResiliencePipeline<HttpResponseMessage> Build(
        KubeClientOptions options, TimeProvider time, RateLimiter? limiter, Func<Outcome<HttpResponseMessage>, bool> retriable)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(retriable(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.RetryMaxDelay, time)),
                OnRetry = args =>
                {
                    // The response we retry past is never read: release its connection now.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }
        if (limiter is not null)
        {
            builder.AddRateLimiter(limiter);
        }
        return builder.Build();
    }

    /// <summary>The server's Retry-After (seconds or a date), capped; null lets the exponential backoff decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is null)
        {
            return null;
        }
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > cap ? cap : delay;
    }
}
