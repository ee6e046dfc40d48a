using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>The IAM role of a ResponderRole in one account.</summary>
public sealed class RoleAccountStatus
{
    /// <summary>The AWS account id.</summary>
    [JsonPropertyName("accountId")]
    public string AccountId { get; set; } = "";

    /// <summary>ARN of the IAM role in this account.</summary>
    [JsonPropertyName("roleArn")]
    public string? RoleArn { get; set; }

    /// <summary>Pending, Ready, Error, Deleting, NotOwned or Suspended.</summary>
    [JsonPropertyName("state")]
    public RoleAccountState State { get; set; }

    /// <summary>Why the state is what it is (the AWS error for Error).</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>When the operator last brought the IAM role in line in this account.</summary>
    [JsonPropertyName("lastSyncTime")]
    public DateTime? LastSyncTime { get; set; }
}
