namespace IrOperator.Aws.Resilience;

/// <summary>A token bucket: <see cref="PermitsPerSecond"/> sustained, <see cref="Burst"/> at once, <see cref="QueueLimit"/> callers waiting.</summary>
public sealed record AwsRateLimit(int PermitsPerSecond, int Burst, int QueueLimit = 1000);
