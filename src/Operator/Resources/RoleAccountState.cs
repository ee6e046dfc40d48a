using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>The state of a ResponderRole's IAM role in one account.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoleAccountState>))]
public enum RoleAccountState
{
    /// <summary>Selected, not yet brought in line (first, so a status built without a state never claims Ready).</summary>
    Pending,

    /// <summary>The IAM role matches the spec.</summary>
    Ready,

    /// <summary>The last attempt to bring the IAM role in line failed; see message.</summary>
    Error,

    /// <summary>The IAM role is being deleted (the account left the selection, or the ResponderRole is being deleted).</summary>
    Deleting,

    /// <summary>A role of that name exists but the operator does not own it (ownership tag missing or another owner): left untouched.</summary>
    NotOwned,

    /// <summary>The account is selected by id but not ACTIVE in the organization (e.g. suspended): reported, not failed.</summary>
    Suspended,
}
