namespace IrOperator.Aws.Organizations;

public sealed record OrganizationalUnit(string Id, string Arn, string Name);
