namespace IrOperator.Aws.Endpoints;

/// <summary>
/// An AWS partition's facts the operator needs: DNS suffix and where its global services live
/// (from botocore's endpoints.json: IAM and Organizations are global, signed in one fixed region).
/// </summary>
public sealed record AwsPartition(string Name, string DnsSuffix, string IamHost, string IamSigningRegion, string OrganizationsHost, string OrganizationsSigningRegion)
{
    public static readonly AwsPartition Aws = new(
        "aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1", "organizations.us-east-1.amazonaws.com", "us-east-1");

    public static readonly AwsPartition UsGov = new(
        "aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1");

    // In China, IAM signs in cn-north-1 but Organizations lives in cn-northwest-1.
    public static readonly AwsPartition China = new(
        "aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1");

    public static AwsPartition ForRegion(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        if (region.StartsWith("us-gov-", StringComparison.Ordinal))
        {
            return UsGov;
        }

        return region.StartsWith("cn-", StringComparison.Ordinal) ? China : Aws;
    }
}
