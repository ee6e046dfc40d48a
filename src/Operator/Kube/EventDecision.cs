namespace IrOperator.Kube;

/// <summary>Create a new Event (IsNew) or update the existing one's count and lastTimestamp.</summary>
public readonly record struct EventDecision(string Name, int Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, bool IsNew);
