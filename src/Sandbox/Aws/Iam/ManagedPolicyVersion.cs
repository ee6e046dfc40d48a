using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>One version (v1, v2, ...) of a managed policy: the text as sent (returned URL-encoded) and its parsed form.</summary>
public sealed record ManagedPolicyVersion(string VersionId, string Json, PolicyDocument Document, DateTimeOffset CreateDate)
{
    public int Size => PolicySize.Count(Json);
}
