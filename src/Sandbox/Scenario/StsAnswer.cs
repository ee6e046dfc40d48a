using Amazon.SecurityToken.Model;

namespace IrOperator.Sandbox.Scenario;

/// <summary>What STS answered to an AssumeRole: a session (credentials and its ARN), or an error code and message.</summary>
public sealed record StsAnswer(Credentials? Session, string? AssumedRoleArn, string? ErrorCode, string? Message);
