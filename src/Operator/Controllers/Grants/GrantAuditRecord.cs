using System.Text.Json.Serialization;
using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// One line of the break-glass access log: who, what, which accounts, incident, when, outcome (docs/grants.md).
/// Written as a structured property of an audit log event (compact JSON, one line), beside the Kubernetes Event
/// of the same reason. Nothing secret: names, ARNs, times.
/// </summary>
public sealed record GrantAuditRecord(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("grant")] string Grant,
    [property: JsonPropertyName("uid")] string? Uid,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("requester")] string Requester,
    [property: JsonPropertyName("sourceIdentity")] string? SourceIdentity,
    [property: JsonPropertyName("approvers")] IReadOnlyList<string> Approvers,
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("accounts")] IReadOnlyList<string> Accounts,
    [property: JsonPropertyName("incident")] string Incident,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("phase")] string? Phase,
    [property: JsonPropertyName("activatedAt")] DateTime? ActivatedAt,
    [property: JsonPropertyName("expiresAt")] DateTime? ExpiresAt,
    [property: JsonPropertyName("endedAt")] DateTime? EndedAt,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("outcome")] string Outcome)
{
    public static GrantAuditRecord For(BreakGlassGrant grant, BreakGlassGrantStatus status, GrantEvent entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(entry);
        return new GrantAuditRecord(
            entry.Reason, entry.Type,
            $"{grant.Metadata.NamespaceProperty}/{grant.Metadata.Name}", grant.Metadata.Uid,
            grant.Spec.Role, grant.Spec.RequestedBy, status.SourceIdentity,
            [.. (status.Approvals ?? []).Select(a => a.By)],
            grant.Spec.PrincipalArn,
            [.. (status.Accounts ?? []).Select(a => a.AccountId)],
            grant.Spec.Incident, grant.Spec.Reason, status.Phase?.ToString(),
            status.ActivatedAt, status.ExpiresAt, status.EndedAt, at, entry.Message);
    }
}
