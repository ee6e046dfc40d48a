namespace IrOperator.Kube;

/// <summary>
/// Per-key failure backoff: base · 2^(failures-1), capped, with "equal jitter" (half fixed, half random)
/// so that many keys failing together (an API outage) do not retry in lockstep, while each retry still
/// waits at least half the nominal delay.
/// </summary>
public sealed class ExponentialBackoff
{
    private readonly Dictionary<ObjectKey, int> _failures = [];
    private readonly Lock _gate = new();
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly Func<double> _random;

    /// <param name="random">A source of [0, 1) values; tests pass a fixed one.</param>
    public ExponentialBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
    {
        if (baseDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(baseDelay), baseDelay, "The base backoff delay must be positive.");
        }
        if (maxDelay < baseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay, "The maximum backoff delay must be at least the base delay.");
        }
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Records one more failure of the key and returns how long to wait before retrying it.</summary>
    public TimeSpan NextDelay(ObjectKey key)
    {
        int failures;
        lock (_gate)
        {
            _failures.TryGetValue(key, out failures);
            failures++;
            _failures[key] = failures;
        }
        var nominal = Nominal(failures);
        var half = nominal / 2;
        return half + (half * _random());
    }

    /// <summary>How many consecutive failures the key has had.</summary>
    public int Failures(ObjectKey key)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Forgets the key's failures after a success.</summary>
    public void Reset(ObjectKey key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    private TimeSpan Nominal(int failures)
    {
        // Doubling past ~2^40 overflows TimeSpan long before it matters; the cap is reached far earlier.
        var exponent = Math.Min(failures - 1, 40);
        var ticks = _baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
