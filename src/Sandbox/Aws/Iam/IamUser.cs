using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>An IAM user with long-term keys (operator, responders, account admins) and its identity policies.</summary>
public sealed record IamUser(string AccountId, string Name, string UserId, IReadOnlyList<PolicyDocument> Policies, string Path = "/", string Partition = "aws")
{
    /// <summary>The user's tags (aws:PrincipalTag/* of its requests).</summary>
    public IReadOnlyList<IamTag> Tags { get; init; } = [];

    public string Arn => $"arn:{Partition}:iam::{AccountId}:user{Path}{Name}";
}
