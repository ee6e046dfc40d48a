using System.Globalization;

namespace IrOperator.TestOperator;

/// <summary>What the test asks of this process: where to record, which namespace, how slow, whether to fail.</summary>
internal sealed record TestSettings(string RecordsPath, string Namespace, TimeSpan ReconcileTime, TimeSpan? FailAfter)
{
    public static TestSettings FromEnvironment() => new(
        Environment.GetEnvironmentVariable("TESTOP_RECORDS") ?? throw new InvalidOperationException("TESTOP_RECORDS is not set"),
        Environment.GetEnvironmentVariable("TESTOP_NAMESPACE") ?? "default",
        TimeSpan.FromMilliseconds(Milliseconds("TESTOP_RECONCILE_MS") ?? 1000),
        Milliseconds("TESTOP_FAIL_AFTER_MS") is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

    private static int? Milliseconds(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
}
