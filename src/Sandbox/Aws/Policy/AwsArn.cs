namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// The six colon-separated parts of an ARN: <c>arn:partition:service:region:account:resource</c>.
/// The resource part may itself contain colons.
/// </summary>
public sealed record AwsArn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The partitions IAM knows: commercial, GovCloud (US) and China.</summary>
    public static IReadOnlySet<string> Partitions { get; } = new HashSet<string>(StringComparer.Ordinal) { "aws", "aws-us-gov", "aws-cn" };

    public static bool TryParse(string? text, out AwsArn arn)
    {
        arn = null!;
        if (text is null)
        {
            return false;
        }

        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn")
        {
            return false;
        }

        arn = new AwsArn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    /// <summary>The account's root ARN in the same partition, e.g. <c>arn:aws:iam::111122223333:root</c>.</summary>
    public static string RootOf(string partition, string account) => $"arn:{partition}:iam::{account}:root";

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
