using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>The state of a grant's access in one account.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrantAccountState>))]
public enum GrantAccountState
{
    /// <summary>Not opened yet (waiting for approval or for the role's apply).</summary>
    Pending,

    /// <summary>The trust statement and the end-of-access deny are written, but IAM does not show them yet (IAM is eventually consistent).</summary>
    Written,

    /// <summary>The trust statement was read back from IAM: the principal can assume the role.</summary>
    Active,

    /// <summary>The trust statement's removal is written, not yet confirmed by a read.</summary>
    Removing,

    /// <summary>The trust statement is removed again (expired or revoked).</summary>
    Removed,

    /// <summary>Opening or closing failed in this account; see message.</summary>
    Error,
}
