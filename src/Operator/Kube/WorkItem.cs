namespace IrOperator.Kube;

/// <summary>A key handed to a worker, and whether it was handed out as urgent (docs/runtime.md, "Urgent work").</summary>
public readonly record struct WorkItem(ObjectKey Key, bool Urgent);
