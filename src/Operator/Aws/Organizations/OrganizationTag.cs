namespace IrOperator.Aws.Organizations;

public sealed record OrganizationTag(string Key, string Value);
