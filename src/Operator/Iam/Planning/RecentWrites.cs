namespace IrOperator.Iam.Planning;

/// <summary>
/// The controller's memory of its own recent writes to one role in one account, keyed by
/// <see cref="DocumentKeys"/>: when the role was created and which documents were replaced. Built
/// from an applied plan with <see cref="After"/>.
/// </summary>
public sealed record RecentWrites
{
    public static RecentWrites None { get; } = new();

    public DateTimeOffset? RoleCreatedAt { get; init; }

    public IReadOnlyDictionary<string, RecentWrite> Documents { get; init; } = new Dictionary<string, RecentWrite>(StringComparer.Ordinal);

    /// <summary>This memory updated with the document writes of <paramref name="applied"/>, made at <paramref name="at"/>.</summary>
    public RecentWrites After(RolePlan applied, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var documents = new Dictionary<string, RecentWrite>(Documents, StringComparer.Ordinal);
        var created = RoleCreatedAt;
        foreach (var step in applied.Steps)
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
                case DeleteRoleStep:
                    created = null;
                    documents.Clear();
                    break;
            }
        }

        return new RecentWrites { RoleCreatedAt = created, Documents = documents };
    }

    /// <summary>Forgets writes older than <paramref name="window"/> (the memory only matters within it).</summary>
    public RecentWrites Prune(DateTimeOffset now, TimeSpan window) => new()
    {
        RoleCreatedAt = RoleCreatedAt is { } c && now - c < window ? c : null,
        Documents = Documents.Where(pair => now - pair.Value.At < window).ToDictionary(StringComparer.Ordinal),
    };
}
