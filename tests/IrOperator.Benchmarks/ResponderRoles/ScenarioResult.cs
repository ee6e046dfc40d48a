namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// What one scenario measured: counts from the AWS emulator's recorded calls per phase (create: until every role
/// is Ready in every account; settle: after that until AWS sees no call for 2 s; resync: the next steady-state
/// pass), memory as the operator process reported it on exit.
/// </summary>
internal sealed record ScenarioResult(
    BenchScenario Scenario,
    TimeSpan WallTime,
    TimeSpan FirstIamCallAfter,
    Counts Create,
    Counts Settle,
    Counts Resync,
    TimeSpan ResyncPassTime,
    double? MeanAccountCreateRate,
    double? MinAccountCreateRate,
    double? MeanAccountGetRoleRate,
    long PeakWorkingSet,
    long ManagedHeap,
    int OperatorLogLines,
    int NoSuchEntityLogLines);
