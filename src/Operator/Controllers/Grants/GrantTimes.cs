using System.Globalization;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Whole seconds, as status (RFC 3339 seconds) and the policy conditions (<c>yyyy-MM-ddTHH:mm:ssZ</c>) keep them.
/// A window opens on a floor (never later than approval) and an early end rounds up (the second in which a
/// revoke happens is inside the deny).
/// </summary>
public static class GrantTimes
{
    public static DateTimeOffset Floor(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset value)
    {
        var floor = Floor(value);
        return floor.UtcTicks == value.UtcTicks ? floor : floor.AddSeconds(1);
    }

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A short human duration for messages: 2h, 90m → 1h30m, 45s.</summary>
    public static string Describe(TimeSpan span) => Resources.GoDuration.Format(TimeSpan.FromSeconds(Math.Ceiling(span.TotalSeconds)));
}
