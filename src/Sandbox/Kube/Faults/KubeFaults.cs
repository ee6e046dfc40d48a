namespace IrOperator.Sandbox.Kube.Faults;

/// <summary>
/// Faults the caller turns on and off while the emulator runs, to test clients under the failures a real
/// API server shows: slow answers, 500s, 429s with Retry-After, dropped watches and compacted history.
/// They apply to resource requests (not discovery, OpenAPI or /version), optionally narrowed by
/// <see cref="Applies"/>. Thread-safe: properties are read per request.
/// </summary>
public sealed class KubeFaults
{
    private readonly object _gate = new();
    private Random _random = new();
    private CancellationTokenSource _openWatches = new();
    private int _expireNextWatches;
    private int _watchesOpened;

    /// <summary>Added before every resource request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Fraction (0..1) of resource requests answered with <see cref="ErrorStatusCode"/>.</summary>
    public double ErrorRate { get; set; }

    /// <summary>500 (InternalError) or 429 (TooManyRequests with Retry-After).</summary>
    public int ErrorStatusCode { get; set; } = 500;

    /// <summary>The Retry-After a 429 carries.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Which requests the error rate and latency apply to (verb such as "list", "watch", "update"; resource plural). Null: all.</summary>
    public Func<string, string, bool>? Applies { get; set; }

    /// <summary>Watches are cut (connection aborted) after sending this many events.</summary>
    public int? DropWatchAfterEvents { get; set; }

    /// <summary>Watches are cut (connection aborted) after this long.</summary>
    public TimeSpan? DropWatchAfter { get; set; }

    /// <summary>
    /// Every watch opens with an in-stream ERROR event carrying a Status of this code (e.g. 500) and ends,
    /// as a server under trouble does; 410 has its own fault (<see cref="HistoryLimit"/>).
    /// </summary>
    public int? WatchErrorStatusCode { get; set; }

    /// <summary>
    /// The next this-many watches that resume from a resourceVersion are answered 410 Expired whatever the
    /// history holds (a forced relist), each one counted down as it is served.
    /// </summary>
    public int ExpireNextWatches
    {
        get => Volatile.Read(ref _expireNextWatches);
        set => Volatile.Write(ref _expireNextWatches, value);
    }

    /// <summary>Watch requests that reached the stream (after the error draw), so a test can wait for one opened under its faults.</summary>
    public int WatchesOpened => Volatile.Read(ref _watchesOpened);

    /// <summary>Ends every watch open now, as a restarting API server does; new watches are not affected.</summary>
    public void DropOpenWatches()
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            previous = _openWatches;
            _openWatches = new CancellationTokenSource();
        }

        // Not disposed: a watch opening right now may still link to its token.
        previous.Cancel();
    }

    /// <summary>Retains at most this many events, overriding the configured history size (0 makes every older version expired).</summary>
    public int? HistoryLimit { get; set; }

    /// <summary>Makes the error draws repeatable.</summary>
    public void Seed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Turns every fault off.</summary>
    public void Clear()
    {
        Latency = TimeSpan.Zero;
        ErrorRate = 0;
        ErrorStatusCode = 500;
        RetryAfterSeconds = 1;
        Applies = null;
        DropWatchAfterEvents = null;
        DropWatchAfter = null;
        HistoryLimit = null;
        WatchErrorStatusCode = null;
        ExpireNextWatches = 0;
    }

    /// <summary>Counts a watch as opened; the token ends when <see cref="DropOpenWatches"/> is called.</summary>
    internal CancellationToken OpenWatch()
    {
        Interlocked.Increment(ref _watchesOpened);
        lock (_gate)
        {
            return _openWatches.Token;
        }
    }

    /// <summary>True (and one fewer left) when a forced 410 is due for a watch resuming from a version.</summary>
    internal bool TakeForcedExpiry()
    {
        while (true)
        {
            var left = Volatile.Read(ref _expireNextWatches);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _expireNextWatches, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    internal bool AppliesTo(string verb, string resource) => Applies?.Invoke(verb, resource) ?? true;

    internal bool DrawError()
    {
        var rate = ErrorRate;
        if (rate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }
}
