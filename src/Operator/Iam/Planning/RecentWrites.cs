namespace IrOperator.Iam.Planning;

/// <summary>
/// The controller's memory of its own recent writes to one role in one account: when the role was
/// created, which documents were replaced (<see cref="Documents"/>, keyed by <see cref="DocumentKeys"/>),
/// and which other values were changed (<see cref="Values"/>: attachments, tags, boundary, description,
/// session duration, keyed by <see cref="ValueKeys"/>). Built from an applied plan with <see cref="After(RolePlan, DateTimeOffset)"/>.
/// </summary>
public sealed record RecentWrites
{
    public static RecentWrites None { get; } = new();

    public DateTimeOffset? RoleCreatedAt { get; init; }

    public IReadOnlyDictionary<string, RecentWrite> Documents { get; init; } = new Dictionary<string, RecentWrite>(StringComparer.Ordinal);

    /// <summary>Values the operator changed recently, other than documents.</summary>
    public IReadOnlyDictionary<string, RecentValue> Values { get; init; } = new Dictionary<string, RecentValue>(StringComparer.Ordinal);

    /// <summary>This memory updated with the document writes of <paramref name="applied"/>, made at <paramref name="at"/>.</summary>
    public RecentWrites After(RolePlan applied, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return After(applied.Steps, at);
    }

    /// <summary>This memory updated with the steps that were applied (when a plan stopped midway, only those that succeeded).</summary>
    public RecentWrites After(IEnumerable<PlanStep> applied, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var documents = new Dictionary<string, RecentWrite>(Documents, StringComparer.Ordinal);
        var values = new Dictionary<string, RecentValue>(Values, StringComparer.Ordinal);
        var created = RoleCreatedAt;
        foreach (var step in applied)
        {
            switch (step)
            {
                case CreateRoleStep create:
                    created = at;
                    documents[DocumentKeys.Trust] = new RecentWrite(null, create.TrustPolicy, at);
                    break;
                case UpdateAssumeRolePolicyStep trust:
                    documents[DocumentKeys.Trust] = new RecentWrite(trust.Previous, trust.Document, at);
                    break;
                case PutRolePolicyStep put:
                    documents[DocumentKeys.Inline(put.PolicyName)] = new RecentWrite(put.Previous, put.Document, at);
                    break;
                case DeleteRolePolicyStep delete:
                    documents[DocumentKeys.Inline(delete.PolicyName)] = new RecentWrite(delete.Previous, null, at);
                    break;
                case AttachRolePolicyStep attach:
                    values[ValueKeys.Managed(attach.PolicyArn)] = new RecentValue(null, ValueKeys.Attached, at);
                    break;
                case DetachRolePolicyStep detach:
                    values[ValueKeys.Managed(detach.PolicyArn)] = new RecentValue(ValueKeys.Attached, null, at);
                    break;
                case PutRolePermissionsBoundaryStep put:
                    values[ValueKeys.Boundary] = new RecentValue(put.Previous, put.PermissionsBoundaryArn, at);
                    break;
                case DeleteRolePermissionsBoundaryStep delete:
                    values[ValueKeys.Boundary] = new RecentValue(delete.Previous, null, at);
                    break;
                case UpdateRoleStep update:
                    if (update.Description is not null)
                    {
                        values[ValueKeys.Description] = new RecentValue(update.PreviousDescription ?? "", update.Description, at);
                    }

                    if (update.MaxSessionDuration is { } seconds)
                    {
                        values[ValueKeys.MaxSessionDuration] = new RecentValue(
                            update.PreviousMaxSessionDuration?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), at);
                    }

                    break;
                case TagRoleStep tag:
                    foreach (var (key, value) in tag.Tags)
                    {
                        values[ValueKeys.Tag(key)] = new RecentValue(tag.Previous.TryGetValue(key, out var old) ? old : null, value, at);
                    }

                    break;
                case UntagRoleStep untag:
                    foreach (var key in untag.TagKeys)
                    {
                        values[ValueKeys.Tag(key)] = new RecentValue(untag.Previous.TryGetValue(key, out var old) ? old : null, null, at);
                    }

                    break;
                case DeleteRoleStep:
                    created = null;
                    documents.Clear();
                    values.Clear();
                    break;
            }
        }

        return new RecentWrites { RoleCreatedAt = created, Documents = documents, Values = values };
    }

    /// <summary>Forgets writes older than <paramref name="window"/> (the memory only matters within it).</summary>
    public RecentWrites Prune(DateTimeOffset now, TimeSpan window) => new()
    {
        RoleCreatedAt = RoleCreatedAt is { } c && now - c < window ? c : null,
        Documents = Documents.Where(pair => now - pair.Value.At < window).ToDictionary(StringComparer.Ordinal),
        Values = Values.Where(pair => now - pair.Value.At < window).ToDictionary(StringComparer.Ordinal),
    };
}
