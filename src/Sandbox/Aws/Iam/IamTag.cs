namespace IrOperator.Sandbox.Aws.Iam;

public sealed record IamTag(string Key, string Value);
