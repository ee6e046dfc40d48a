using System.Globalization;

namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// Prints the scenario as a timeline: each line stamped with the time since the start on the sandbox clock
/// (the clock the operator and both emulators share, so an expiry shows one grant duration after its
/// activation), then who speaks (<c>step</c>, <c>kube</c>, <c>event</c>, <c>aws</c>, <c>clock</c>) and what
/// happened. Thread-safe: the event feed prints from its own loop.
/// </summary>
public sealed class ScenarioTimeline
{
    private readonly TextWriter _output;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    public ScenarioTimeline(TextWriter output, TimeProvider clock)
    {
        _output = output;
        _clock = clock;
        Start = clock.GetUtcNow();
        RealStart = TimeProvider.System.GetTimestamp();
    }

    /// <summary>When the scenario started, on the sandbox clock.</summary>
    public DateTimeOffset Start { get; }

    private long RealStart { get; }

    /// <summary>Time since the start on the sandbox clock.</summary>
    public TimeSpan Elapsed => _clock.GetUtcNow() - Start;

    /// <summary>Time since the start on the real clock (what the user waited).</summary>
    public TimeSpan RealElapsed => TimeProvider.System.GetElapsedTime(RealStart);

    /// <summary>A step begins: its name (what a failure is reported by) and what it shows.</summary>
    public void Step(string name, string title) => Write("step", $"{name}: {title}");

    public void Kube(string text) => Write("kube", text);

    public void Event(string text) => Write("event", text);

    public void Aws(string text) => Write("aws", text);

    public void Clock(string text) => Write("clock", text);

    public void Note(string text) => Write("", text);

    /// <summary>A line without a time stamp (header, summary).</summary>
    public void Plain(string text)
    {
        lock (_gate)
        {
            _output.WriteLine(text);
            _output.Flush();
        }
    }

    /// <summary>A time as the timeline shows it: <c>+12.3s</c> after the start.</summary>
    public string Stamp(DateTimeOffset at) => "+" + (at - Start).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private void Write(string who, string text)
    {
        var stamp = Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6);
        lock (_gate)
        {
            _output.WriteLine($"+{stamp}s  {who,-5}  {text}");
            _output.Flush();
        }
    }
}
