namespace IrOperator.Iam.Planning;

/// <summary>One value the operator changed at <see cref="At"/>: what IAM showed before (null: absent) and what was written (null: removed).</summary>
public sealed record RecentValue(string? Before, string? After, DateTimeOffset At)
{
    /// <summary>True when <paramref name="observed"/> is what this write replaced and the write is younger than <paramref name="window"/>.</summary>
    public bool IsPropagation(string? observed, DateTimeOffset now, TimeSpan window) =>
        now - At < window && string.Equals(observed, Before, StringComparison.Ordinal) && !string.Equals(observed, After, StringComparison.Ordinal);
}
