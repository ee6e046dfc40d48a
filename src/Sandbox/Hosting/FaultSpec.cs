using System.Globalization;
using IrOperator.Sandbox.Aws.Faults;
using IrOperator.Sandbox.Kube.Faults;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The sandbox's <c>--faults</c>: which of the emulators' injected faults to turn on, parsed from
/// <c>key=value</c> pairs separated by commas, e.g. <c>kube.error-rate=0.05,aws.throttle-rate=10%,aws.consistency-delay=3s</c>.
/// Pure: <see cref="Parse"/> refuses what it does not understand (naming the key or value), <see cref="ApplyTo"/>
/// sets the emulators' knobs. See docs/kube-emulator.md and docs/aws-emulator.md for what each fault does.
/// </summary>
public sealed record FaultSpec
{
    /// <summary>The keys <see cref="Parse"/> accepts, with what their value means, for <c>--help</c> and errors.</summary>
    public static IReadOnlyList<(string Key, string Meaning)> Keys { get; } =
    [
        ("kube.error-rate", "share of Kubernetes resource requests answered with an error (0..1 or a percentage: 0.05, 5%)"),
        ("kube.error-code", "that error: 500 (InternalError, the default) or 429 (TooManyRequests with Retry-After)"),
        ("kube.latency", "added to every Kubernetes resource request (a duration: 200ms, 1s)"),
        ("kube.watch-drop", "watches are cut after this long (a duration: 30s)"),
        ("aws.throttle-rate", "share of AWS requests answered with Throttling (0..1 or a percentage)"),
        ("aws.error-rate", "share of AWS requests answered with ServiceUnavailable (0..1 or a percentage)"),
        ("aws.latency", "added to every AWS request (a duration)"),
        ("aws.consistency-delay", "how long an IAM role write takes to become visible to reads and AssumeRole (a duration: 3s)"),
    ];

    public double KubeErrorRate { get; init; }

    public int KubeErrorCode { get; init; } = 500;

    public TimeSpan KubeLatency { get; init; }

    public TimeSpan? KubeWatchDrop { get; init; }

    public double AwsThrottleRate { get; init; }

    public double AwsErrorRate { get; init; }

    public TimeSpan AwsLatency { get; init; }

    public TimeSpan AwsConsistencyDelay { get; init; }

    /// <summary>True when no fault is on.</summary>
    public bool IsEmpty => this == new FaultSpec();

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="FormatException"/> with a message naming the bad pair,
    /// key or value, and what is expected instead. An empty text is no faults.
    /// </summary>
    public static FaultSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spec = new FaultSpec();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"'{raw}' is not key=value (e.g. kube.error-rate=0.05)");
            }
            var key = raw[..equals].Trim();
            var value = raw[(equals + 1)..].Trim();
            if (!Keys.Any(k => k.Key == key))
            {
                throw new FormatException($"unknown key '{key}'; known keys: {string.Join(", ", Keys.Select(k => k.Key))}");
            }
            if (!seen.Add(key))
            {
                throw new FormatException($"'{key}' is given twice");
            }
            spec = key switch
            {
                "kube.error-rate" => spec with { KubeErrorRate = Rate(key, value) },
                "kube.error-code" => spec with { KubeErrorCode = ErrorCode(key, value) },
                "kube.latency" => spec with { KubeLatency = Duration(key, value, allowZero: true) },
                "kube.watch-drop" => spec with { KubeWatchDrop = Duration(key, value, allowZero: false) },
                "aws.throttle-rate" => spec with { AwsThrottleRate = Rate(key, value) },
                "aws.error-rate" => spec with { AwsErrorRate = Rate(key, value) },
                "aws.latency" => spec with { AwsLatency = Duration(key, value, allowZero: true) },
                _ => spec with { AwsConsistencyDelay = Duration(key, value, allowZero: true) },
            };
        }
        return spec;
    }

    /// <summary>Turns the faults on in both emulators (the others stay as they are).</summary>
    public void ApplyTo(KubeFaults kube, AwsFaults aws)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(aws);
        kube.ErrorRate = KubeErrorRate;
        kube.ErrorStatusCode = KubeErrorCode;
        kube.Latency = KubeLatency;
        kube.DropWatchAfter = KubeWatchDrop;
        aws.ThrottleRate = AwsThrottleRate;
        aws.ServerErrorRate = AwsErrorRate;
        aws.Latency = AwsLatency;
        aws.ConsistencyDelay = AwsConsistencyDelay;
    }

    /// <summary>One line for the console, e.g. <c>Kubernetes: 5% errors (500); AWS: 10% throttling</c>.</summary>
    public string Describe()
    {
        var kube = new List<string>();
        if (KubeErrorRate > 0)
        {
            kube.Add($"{Percent(KubeErrorRate)} errors ({KubeErrorCode})");
        }
        if (KubeLatency > TimeSpan.Zero)
        {
            kube.Add($"{Format(KubeLatency)} latency");
        }
        if (KubeWatchDrop is { } drop)
        {
            kube.Add($"watches cut after {Format(drop)}");
        }
        var aws = new List<string>();
        if (AwsThrottleRate > 0)
        {
            aws.Add($"{Percent(AwsThrottleRate)} throttling");
        }
        if (AwsErrorRate > 0)
        {
            aws.Add($"{Percent(AwsErrorRate)} ServiceUnavailable");
        }
        if (AwsLatency > TimeSpan.Zero)
        {
            aws.Add($"{Format(AwsLatency)} latency");
        }
        if (AwsConsistencyDelay > TimeSpan.Zero)
        {
            aws.Add($"IAM writes visible after {Format(AwsConsistencyDelay)}");
        }
        var parts = new List<string>();
        if (kube.Count > 0)
        {
            parts.Add("Kubernetes: " + string.Join(", ", kube));
        }
        if (aws.Count > 0)
        {
            parts.Add("AWS: " + string.Join(", ", aws));
        }
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    private static double Rate(string key, string value)
    {
        var percent = value.EndsWith('%');
        var number = percent ? value[..^1] : value;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || double.IsNaN(rate))
        {
            throw new FormatException($"{key}={value}: a rate is a number from 0 to 1 (0.05) or a percentage (5%)");
        }
        rate = percent ? rate / 100 : rate;
        return rate is >= 0 and <= 1
            ? rate
            : throw new FormatException($"{key}={value}: a rate must be from 0 to 1 (0% to 100%)");
    }

    private static int ErrorCode(string key, string value) => value switch
    {
        "500" => 500,
        "429" => 429,
        _ => throw new FormatException($"{key}={value}: the error code is 500 or 429"),
    };

    private static TimeSpan Duration(string key, string value, bool allowZero)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : (value, double.NaN);
        if (double.IsNaN(unit) || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new FormatException($"{key}={value}: a duration is a number with a unit ms, s or m (500ms, 3s, 1m)");
        }
        var duration = TimeSpan.FromSeconds(amount * unit);
        if (duration > TimeSpan.FromHours(1))
        {
            throw new FormatException($"{key}={value}: at most 60m");
        }
        return allowZero || duration > TimeSpan.Zero
            ? duration
            : throw new FormatException($"{key}={value}: must be longer than 0");
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Format(TimeSpan duration) => duration.TotalSeconds < 1
        ? duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + "ms"
        : duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
