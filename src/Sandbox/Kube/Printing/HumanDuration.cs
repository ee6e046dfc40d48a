namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>
/// k8s.io/apimachinery/pkg/util/duration.HumanDuration: how the server renders a <c>date</c> column
/// ("45s", "3m20s", "5h10m", "6d", "2y10d") in the Tables it sends; kubectl prints the cell as is.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        var totalSeconds = (long)Math.Truncate(d.TotalSeconds);

        // The server tolerates up to a second of clock skew as "now".
        if (totalSeconds < -1)
        {
            return "<invalid>";
        }

        if (totalSeconds < 0)
        {
            return "0s";
        }

        if (totalSeconds < 60 * 2)
        {
            return $"{totalSeconds}s";
        }

        var minutes = (long)Math.Truncate(d.TotalMinutes);
        if (minutes < 10)
        {
            var s = totalSeconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = (long)Math.Truncate(d.TotalHours);
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }

        return $"{hours / 24 / 365}y";
    }
}
