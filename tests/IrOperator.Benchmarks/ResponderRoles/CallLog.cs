using System.Collections.Concurrent;
using System.Diagnostics;
using IrOperator.Sandbox.Aws;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// Every call the AWS emulator answers, timestamped as it is recorded (the emulator's own list keeps only
/// the last 10,000, and without times). Phases are marked by position.
/// </summary>
internal sealed class CallLog
{
    private readonly ConcurrentQueue<TimedCall> _calls = new();
    private long _lastAt;

    public int Count => _calls.Count;

    /// <summary>When the last call came (Stopwatch ticks; 0 before the first).</summary>
    public long LastAt => Interlocked.Read(ref _lastAt);

    public void Record(RecordedCall call)
    {
        var at = Stopwatch.GetTimestamp();
        _calls.Enqueue(new TimedCall(at, call));
        Interlocked.Exchange(ref _lastAt, at);
    }

    /// <summary>The calls recorded from position <paramref name="from"/> up to <paramref name="to"/> (exclusive; null: now).</summary>
    public IReadOnlyList<TimedCall> Between(int from, int? to = null) =>
        _calls.Skip(from).Take((to ?? int.MaxValue) - from).ToList();

}
