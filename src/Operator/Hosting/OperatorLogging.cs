using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace IrOperator.Hosting;

/// <summary>
/// Serilog for the operator: compact JSON on stdout by default (one event a line, for log shipping).
/// Audit lines (every Event the operator records) go to the same stream marked Audit=true: one pipeline
/// to run, and a filter on that property gives the durable break-glass access log.
/// </summary>
public static class OperatorLogging
{
    public static Serilog.Core.Logger Create(OperatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var level = Enum.Parse<LogEventLevel>(settings.LogLevel, ignoreCase: true);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Component", "iroperator");
        return settings.LogFormat == "text"
            ? configuration.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger()
            : configuration.WriteTo.Console(new CompactJsonFormatter()).CreateLogger();
    }
}
