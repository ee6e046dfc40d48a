namespace IrOperator.Aws.Iam;

public sealed record AttachedPolicy(string PolicyName, string PolicyArn);
