namespace IrOperator.Iam.Desired;

/// <summary>
/// Who owns an IAM role, as the ownership tags on the role say: <c>iroperator.io/owner</c> =
/// <c>responderrole/&lt;name&gt;</c> and <c>iroperator.io/cluster</c> = the operator's configured cluster
/// id. A role whose tags do not name this owner is never taken over. See docs/iam-model.md.
/// </summary>
public sealed record RoleOwner(string Owner, string Cluster)
{
    public const string OwnerTag = "iroperator.io/owner";
    public const string ClusterTag = "iroperator.io/cluster";

    public static RoleOwner ForResponderRole(string name, string clusterId) => new("responderrole/" + name, clusterId);

    public static IReadOnlyList<string> TagKeys { get; } = [OwnerTag, ClusterTag];

    public IReadOnlyDictionary<string, string> Tags => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [OwnerTag] = Owner,
        [ClusterTag] = Cluster,
    };

    /// <summary>Whether <paramref name="tags"/> (an observed role's) name exactly this owner and cluster.</summary>
    public bool Owns(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(OwnerTag, out var owner) && owner == Owner
            && tags.TryGetValue(ClusterTag, out var cluster) && cluster == Cluster;
    }

    /// <summary>Why <paramref name="tags"/> do not name this owner, for status and events; null when they do.</summary>
    public string? WhyNotOwned(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (!tags.TryGetValue(OwnerTag, out var owner))
        {
            return $"the role has no {OwnerTag} tag: it was not created by IrOperator and is not taken over";
        }

        if (owner != Owner)
        {
            return $"the role belongs to {owner} ({OwnerTag}), not {Owner}";
        }

        tags.TryGetValue(ClusterTag, out var cluster);
        return cluster == Cluster ? null : $"the role belongs to cluster \"{cluster}\" ({ClusterTag}), not \"{Cluster}\"";
    }
}
