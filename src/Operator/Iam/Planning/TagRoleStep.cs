using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

/// <summary>Adds or changes tags (TagRole overwrites a key's value).</summary>
public sealed record TagRoleStep(string RoleName, IReadOnlyDictionary<string, string> Tags) : PlanStep(RoleName)
{
    /// <summary>The values IAM showed for these keys (absent: the key was not there), for the propagation memory.</summary>
    public IReadOnlyDictionary<string, string> Previous { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public override string Action => "TagRole";

    public override string Change => "tags: " + string.Join(", ", Tags.Select(tag => $"{tag.Key}={tag.Value}"));

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.TagRoleAsync(RoleName, Tags.Select(tag => new IamTag(tag.Key, tag.Value)).ToList(), cancellationToken);
    }
}
