namespace IrOperator.Iam.Planning;

/// <summary>
/// What the planner may know beyond desired and observed: the time, IAM's propagation window, and
/// what the operator wrote recently (the controller keeps that memory). See docs/iam-model.md.
/// </summary>
public sealed record PlanContext(DateTimeOffset Now, TimeSpan PropagationWindow, RecentWrites Recent)
{
    /// <summary>No memory: every difference is planned.</summary>
    public static PlanContext None { get; } = new(DateTimeOffset.MinValue, TimeSpan.Zero, RecentWrites.None);
}
