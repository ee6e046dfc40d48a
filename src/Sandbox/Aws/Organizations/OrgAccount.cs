namespace IrOperator.Sandbox.Aws.Organizations;

/// <summary>
/// An account of the organization. <see cref="State"/> is the newer field (ACTIVE, SUSPENDED,
/// PENDING_CLOSURE, CLOSED ...); AWS still returns the older <c>Status</c> as well, derived here
/// from the state the way AWS maps them.
/// </summary>
public sealed record OrgAccount(
    string Id,
    string Name,
    string Email,
    string ParentId,
    IReadOnlyDictionary<string, string> Tags,
    string State = "ACTIVE",
    string JoinedMethod = "CREATED")
{
    public DateTimeOffset JoinedTimestamp { get; init; } = new(2024, 1, 15, 9, 30, 0, TimeSpan.Zero);

    public bool IsActive => State == "ACTIVE";

    public string Status => State switch
    {
        "ACTIVE" or "SUSPENDED" or "PENDING_CLOSURE" => State,
        "CLOSED" => "SUSPENDED",
        _ => "ACTIVE",
    };
}
