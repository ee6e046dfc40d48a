using System.Globalization;

namespace IrOperator.Schema.Cel;

/// <summary>Parses Go duration strings ("1h30m", "90s", "1.5h", "-2m") as time.ParseDuration does.</summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            return false;
        }

        double ticks = 0;
        while (s.Length > 0)
        {
            var numberEnd = 0;
            while (numberEnd < s.Length && (char.IsAsciiDigit(s[numberEnd]) || s[numberEnd] == '.'))
            {
                numberEnd++;
            }

            if (numberEnd == 0 || !double.TryParse(s[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[numberEnd..];
            var unit = Units.Where(u => s.StartsWith(u.Unit, StringComparison.Ordinal)).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null)
            {
                return false;
            }

            ticks += number * unit.Ticks;
            s = s[unit.Unit.Length..];
        }

        duration = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        return true;
    }
}
