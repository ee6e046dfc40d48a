namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>What one scenario measured (counts from the AWS emulator's recorded calls; memory as the operator reported it).</summary>
internal sealed record ScenarioResult(
    BenchScenario Scenario,
    TimeSpan WallTime,
    int CreateIamCalls,
    int CreateStsCalls,
    int CreateOrganizationsCalls,
    int CreateErrors,
    int SteadyIamReads,
    int SteadyIamWrites,
    int SteadyStsCalls,
    TimeSpan SteadyPassTime,
    double? MeanAccountCreateRate,
    double? MinAccountCreateRate,
    long PeakWorkingSet,
    long ManagedHeap,
    int OperatorLogLines);
