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
    private readonly List<(string Text, string ErrorCode)> _refusedTrust = [];
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

    /// <summary>
    /// Makes IAM refuse every trust policy (CreateRole, UpdateAssumeRolePolicy) whose document contains
    /// <paramref name="text"/> with <paramref name="errorCode"/>: <c>MalformedPolicyDocument</c> (as for a principal
    /// IAM does not accept) or <c>LimitExceeded</c> (as for an account whose quota is lower than the writer thinks).
    /// </summary>
    public void RefuseTrustPoliciesContaining(string text, string errorCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (errorCode is not ("MalformedPolicyDocument" or "LimitExceeded"))
        {
            throw new ArgumentOutOfRangeException(nameof(errorCode), errorCode, "IAM refuses a trust policy with MalformedPolicyDocument or LimitExceeded.");
        }
        lock (_sync)
        {
            _refusedTrust.Add((text, errorCode));
        }
    }

    /// <summary>The error IAM answers a trust policy document with (<see cref="RefuseTrustPoliciesContaining"/>), or null.</summary>
    public AwsServiceException? TrustPolicyRefusal(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string? code;
        lock (_sync)
        {
            code = _refusedTrust.Where(r => document.Contains(r.Text, StringComparison.Ordinal)).Select(r => r.ErrorCode).FirstOrDefault();
        }
        if (code is null)
        {
            return null;
        }
        Interlocked.Increment(ref _injected);
        return code == "LimitExceeded"
            ? new AwsServiceException(code, "Cannot exceed quota for ACLSizePerRole: 2048", System.Net.HttpStatusCode.Conflict)
            : new AwsServiceException(code, "Invalid principal in policy: \"AWS\"", System.Net.HttpStatusCode.BadRequest);
    }

    /// <summary>Back to a healthy service.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _queued.Clear();
            _refusedTrust.Clear();
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
