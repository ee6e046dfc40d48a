using System.Collections.Concurrent;
using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace IrOperator.Tests.AwsClients;

/// <summary>
/// A Serilog logger that keeps every event as text for scanning: the rendered message (strings
/// unquoted), each structured property as Key=value, and the exception. The secret-hygiene tests scan
/// all of it, so a key that reached any property or exception text is found.
/// </summary>
internal sealed class CapturingLog : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Message = new("{Level} {Message:lj}", CultureInfo.InvariantCulture);
    private readonly ConcurrentQueue<string> _lines = new();

    public CapturingLog() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Message.Format(logEvent, text);
        var properties = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={Raw(p.Value)}"));
        _lines.Enqueue($"{text} | {properties} | {logEvent.Exception}");
    }

    private static string Raw(LogEventPropertyValue value) =>
        value is ScalarValue scalar ? Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? "" : value.ToString();
}
