using IrOperator.Aws.Iam;
using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Planning;

/// <summary>CreateRole with everything CreateRole takes (trust, path, description, session, boundary, tags), so ownership is set at birth.</summary>
public sealed record CreateRoleStep(
    string RoleName,
    string Path,
    PolicyDocument TrustPolicy,
    string? Description,
    int MaxSessionDuration,
    string? PermissionsBoundaryArn,
    IReadOnlyDictionary<string, string> Tags) : PlanStep(RoleName)
{
    public override string Action => "CreateRole";

    public override string Change => $"role {Path}{RoleName} created";

    public override string Render() =>
        $"{Action}: {Change} (max session {MaxSessionDuration}s"
        + (PermissionsBoundaryArn is null ? "" : $", boundary {PermissionsBoundaryArn}")
        + $", tags {string.Join(",", Tags.Select(tag => $"{tag.Key}={tag.Value}"))})\n    trust policy: {TrustPolicy.ToJson()}";

    public CreateRoleRequest ToRequest() => new(RoleName, TrustPolicy.ToJson())
    {
        Path = Path,
        Description = Description,
        MaxSessionDuration = MaxSessionDuration,
        PermissionsBoundary = PermissionsBoundaryArn,
        Tags = Tags.Select(tag => new IamTag(tag.Key, tag.Value)).ToList(),
    };

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CreateRoleAsync(ToRequest(), cancellationToken);
    }
}
