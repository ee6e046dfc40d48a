using System.Collections.Immutable;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// A managed policy: AWS managed (<c>arn:aws:iam::aws:policy/...</c>, from <see cref="ManagedPolicyCatalog"/>)
/// or customer managed in one account (<c>arn:aws:iam::ACCOUNT:policy/PATH/NAME</c>). Immutable: a
/// change stores a new value. The default version is the one IAM evaluates wherever the policy is attached.
/// </summary>
public sealed record ManagedPolicy(
    string Arn,
    string Name,
    string Path,
    string PolicyId,
    string? Description,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate,
    string DefaultVersionId,
    ImmutableList<ManagedPolicyVersion> Versions,
    ImmutableList<IamTag> Tags,
    int NextVersion = 2)
{
    public bool IsAwsManaged => Arn.Contains(":iam::aws:policy/", StringComparison.Ordinal);

    public ManagedPolicyVersion DefaultVersion => Versions.First(version => version.VersionId == DefaultVersionId);

    public PolicyDocument Document => DefaultVersion.Document;

    public ManagedPolicyVersion? Version(string versionId) => Versions.FirstOrDefault(version => version.VersionId == versionId);
}
