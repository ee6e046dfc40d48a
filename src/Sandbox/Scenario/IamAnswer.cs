namespace IrOperator.Sandbox.Scenario;

/// <summary>What IAM answered to a session's GetRole: the role's ARN, or an error code and message.</summary>
public sealed record IamAnswer(string? RoleArn, string? ErrorCode, string? Message);
