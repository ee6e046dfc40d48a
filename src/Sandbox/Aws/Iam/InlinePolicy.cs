using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>An inline policy as stored: the text as sent (returned URL-encoded by GetRolePolicy) and its parsed form.</summary>
public sealed record InlinePolicy(string Name, string Json, PolicyDocument Document)
{
    public int Size => PolicySize.Count(Json);
}
