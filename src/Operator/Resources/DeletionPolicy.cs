using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>What happens to the IAM roles when their ResponderRole is deleted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeletionPolicy>))]
public enum DeletionPolicy
{
    /// <summary>Delete the IAM role (and its policies) in every account.</summary>
    Delete,

    /// <summary>Leave the IAM roles in place, as they are.</summary>
    Retain,
}
