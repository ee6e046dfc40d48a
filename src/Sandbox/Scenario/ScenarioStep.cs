namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// One step of the scenario: a short name (what a failure is reported by, e.g. <c>activation</c>), what it
/// shows, how long it may take on the real clock, and what it does. A step fails by throwing, preferably a
/// <see cref="ScenarioException"/> saying what was seen instead of what was expected.
/// </summary>
public sealed record ScenarioStep(string Name, string Title, TimeSpan Deadline, Func<CancellationToken, Task> Run);
