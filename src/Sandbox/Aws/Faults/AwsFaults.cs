using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Faults;

/// <summary>
/// Faults the emulator injects, changeable while it runs. Rates are probabilities per request
/// (0 = never, 1 = always); <see cref="FailNext"/> queues an exact number of failures for tests
/// that must not depend on chance. Faults hit authenticated requests only (after the signature
/// check), and <see cref="Services"/> narrows them to some services ("iam", "sts", "organizations").
/// </summary>
public sealed class AwsFaults
{
    private readonly Lock _sync = new();
    private readonly Queue<FaultKind> _queued = new();
    private readonly Random _random;
    private int _injected;

    public AwsFaults(int? seed = null) => _random = seed is { } value ? new Random(value) : new Random();

    /// <summary>Share of requests answered with throttling.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share of requests answered with a 5xx error.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Added to every request before it is answered.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>How long a role write takes to become visible to reads and AssumeRole (0 = at once).</summary>
    public TimeSpan ConsistencyDelay { get; set; }

    /// <summary>The services faults apply to; empty means all.</summary>
    public IReadOnlySet<string> Services { get; set; } = new HashSet<string>();

    /// <summary>How many faults have been injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Fails the next <paramref name="count"/> matching requests with <paramref name="kind"/>.</summary>
    public void FailNext(int count, FaultKind kind = FaultKind.Throttling)
    {
        lock (_sync)
        {
            for (var index = 0; index < count; index++)
            {
                _queued.Enqueue(kind);
            }
        }
    }

    /// <summary>Back to a healthy service.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _queued.Clear();
            ThrottleRate = 0;
            ServerErrorRate = 0;
            Latency = TimeSpan.Zero;
            ConsistencyDelay = TimeSpan.Zero;
            Services = new HashSet<string>();
        }
    }

    /// <summary>The error to answer <paramref name="service"/>'s request with, or null to serve it.</summary>
    public AwsServiceException? Next(string service, AwsProtocol protocol)
    {
        FaultKind? fault;
        lock (_sync)
        {
            if (Services.Count > 0 && !Services.Contains(service))
            {
                return null;
            }

            fault = _queued.Count > 0 ? _queued.Dequeue()
                : _random.NextDouble() < ThrottleRate ? FaultKind.Throttling
                : _random.NextDouble() < ServerErrorRate ? FaultKind.ServiceUnavailable
                : null;
        }

        if (fault is null)
        {
            return null;
        }

        Interlocked.Increment(ref _injected);
        return fault switch
        {
            FaultKind.Throttling => AwsErrors.Throttling(protocol),
            FaultKind.ServiceUnavailable => AwsErrors.ServiceUnavailable(protocol),
            FaultKind.ConcurrentModification => AwsErrors.ConcurrentModification(protocol),
            _ => AwsErrors.InternalFailure(protocol),
        };
    }
}
