namespace IrOperator.Aws.Endpoints;

/// <summary>The AWS services the operator calls.</summary>
public enum AwsService
{
    Iam,
    Sts,
    Organizations,
}
