namespace IrOperator.Sandbox.Aws;

/// <summary>One request as the emulator answered it (for tests counting retries or checking callers).</summary>
public sealed record RecordedCall(string Service, string Action, string? CallerArn, int Status, string? ErrorCode);
