namespace IrOperator.Aws.Organizations;

public sealed record OrganizationRoot(string Id, string Arn, string Name);
