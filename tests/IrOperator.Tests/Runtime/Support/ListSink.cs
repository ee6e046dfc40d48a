using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace IrOperator.Tests.Runtime.Support;

/// <summary>Keeps Serilog events in memory so tests can read the audit lines.</summary>
public sealed class ListSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}
