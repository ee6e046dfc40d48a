namespace IrOperator.Aws.Iam;

/// <summary>An inline policy of a role; <see cref="PolicyDocument"/> is already URL-decoded JSON.</summary>
public sealed record RolePolicy(string RoleName, string PolicyName, string PolicyDocument);
