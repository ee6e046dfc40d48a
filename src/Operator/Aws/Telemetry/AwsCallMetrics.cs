using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IrOperator.Aws.Telemetry;

/// <summary>Counts AWS calls by service, action and outcome (success or the error kind).</summary>
public static class AwsCallMetrics
{
    public const string MeterName = "IrOperator.Aws";
    public const string CallsCounterName = "iroperator.aws.calls";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        CallsCounterName, unit: "{call}", description: "AWS API calls by service, action and outcome, retries included once per call.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "iroperator.aws.call.duration", unit: "s", description: "Duration of AWS API calls, retries included.");

    public static void Record(string service, string action, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "service", service }, { "action", action }, { "outcome", outcome } };
        Calls.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
