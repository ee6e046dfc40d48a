using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>A grant's access in one account.</summary>
public sealed class GrantAccountStatus
{
    /// <summary>The AWS account id.</summary>
    [JsonPropertyName("accountId")]
    public string AccountId { get; set; } = "";

    /// <summary>ARN of the role the principal may assume in this account.</summary>
    [JsonPropertyName("roleArn")]
    public string? RoleArn { get; set; }

    /// <summary>Pending, Written, Active, Removing, Removed or Error.</summary>
    [JsonPropertyName("state")]
    public GrantAccountState State { get; set; }

    /// <summary>The command the responder runs to assume the role here (AWS CLI), with the required source identity.</summary>
    [JsonPropertyName("assumeRoleCommand")]
    public string? AssumeRoleCommand { get; set; }

    /// <summary>Why the state is what it is (the AWS error for Error).</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
