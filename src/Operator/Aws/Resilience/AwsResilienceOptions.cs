namespace IrOperator.Aws.Resilience;

/// <summary>Retry and client-side rate limiting for AWS calls.</summary>
public sealed class AwsResilienceOptions
{
    /// <summary>Attempts per call, the first included (AWS standard mode: 3).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Base of the exponential backoff, jitter applied (AWS standard mode uses 1 s; IAM throttles briefly, so we start lower).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one backoff delay (AWS standard mode: 20 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The rate limit per account and API when no override applies. IAM's control plane is shared by the whole account.</summary>
    public AwsRateLimit DefaultRateLimit { get; set; } = new(PermitsPerSecond: 10, Burst: 20);

    /// <summary>Overrides keyed by service ("iam") or service and action ("iam:CreateRole"); the most specific wins.</summary>
    public Dictionary<string, AwsRateLimit> RateLimits { get; } = new(StringComparer.OrdinalIgnoreCase);

    public AwsRateLimit RateLimitFor(string service, string action) =>
        RateLimits.GetValueOrDefault($"{service}:{action}") ?? RateLimits.GetValueOrDefault(service) ?? DefaultRateLimit;

    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be at least 1.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "BaseDelay must be non-negative and MaxDelay at least BaseDelay.");
        }

        foreach (var (key, limit) in RateLimits.Append(new("default", DefaultRateLimit)))
        {
            if (limit.PermitsPerSecond < 1 || limit.Burst < 1 || limit.QueueLimit < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(RateLimits), limit, $"Rate limit '{key}' needs PermitsPerSecond >= 1, Burst >= 1 and QueueLimit >= 0.");
            }
        }
    }
}
