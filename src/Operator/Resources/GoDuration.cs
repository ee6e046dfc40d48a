using System.Globalization;
using System.Text.RegularExpressions;

namespace IrOperator.Resources;

/// <summary>
/// The durations of the resources (<c>maxSessionDuration</c>, <c>maxGrantDuration</c>, a grant's
/// <c>duration</c>): Go's notation restricted to whole hours, minutes and seconds in that order
/// (<c>1h</c>, <c>90m</c>, <c>2h30m</c>), exactly what the CRD pattern admits and CEL's
/// <c>duration()</c> reads the same way.
/// </summary>
public static partial class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        duration = TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
        return true;
    }

    /// <summary>Parses or throws a <see cref="FormatException"/> naming <paramref name="field"/>.</summary>
    public static TimeSpan Parse(string? text, string field) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"{field}: \"{text}\" is not a duration such as 1h, 90m or 2h30m");

    /// <summary>The shortest text for a whole number of seconds, e.g. 2h30m; the inverse of <see cref="Parse"/>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var hours = (long)duration.TotalHours;
        var text = (hours > 0 ? hours.ToString(CultureInfo.InvariantCulture) + "h" : "")
                   + (duration.Minutes > 0 ? duration.Minutes.ToString(CultureInfo.InvariantCulture) + "m" : "")
                   + (duration.Seconds > 0 ? duration.Seconds.ToString(CultureInfo.InvariantCulture) + "s" : "");
        return text.Length > 0 ? text : "0s";
    }

    private static int Part(Match match, string unit) =>
        match.Groups[unit].Success ? int.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    // The same as ResourcePatterns.Duration, with named groups.
    [GeneratedRegex("^(?:(?<h>[0-9]{1,5})h)?(?:(?<m>[0-9]{1,5})m)?(?:(?<s>[0-9]{1,5})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
