namespace IrOperator.Iam.Desired;

/// <summary>
/// An active BreakGlassGrant's input to one role's trust policy in one account (supplied by the
/// grant work, issue 10): the principal (an ARN, possibly an Identity Center pattern), the
/// requester's source identity, and the window AWS enforces. See docs/iam-model.md.
/// </summary>
public sealed record GrantTrust(string GrantUid, string PrincipalArn, string SourceIdentity, DateTimeOffset ActivatedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The account of the principal (5th part of the ARN).</summary>
    public string PrincipalAccount => ArnPart(PrincipalArn, 4);

    /// <summary>The partition of the principal (aws, aws-us-gov, aws-cn).</summary>
    public string Partition => ArnPart(PrincipalArn, 1);

    /// <summary><c>IrGrant</c> + a short hash of the grant's uid: unique per grant, alphanumeric as IAM wants Sids.</summary>
    public string Sid => "IrGrant" + ShortHash.Of(GrantUid);

    internal static string ArnPart(string arn, int index)
    {
        var parts = arn.Split(':');
        return parts.Length > index && parts[0] == "arn" ? parts[index] : throw new FormatException($"\"{arn}\" is not an ARN");
    }
}
