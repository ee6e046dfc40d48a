namespace IrOperator.Kube;

/// <summary>What makes two events the same for aggregation.</summary>
public readonly record struct EventIdentity(string ObjectUid, string Type, string Reason, string Message);
