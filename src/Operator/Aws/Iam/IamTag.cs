namespace IrOperator.Aws.Iam;

public sealed record IamTag(string Key, string Value);
