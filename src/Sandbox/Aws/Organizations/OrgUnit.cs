namespace IrOperator.Sandbox.Aws.Organizations;

/// <summary>An organizational unit (id <c>ou-xxxx-yyyyyyyy</c>) under the root or another OU.</summary>
public sealed record OrgUnit(string Id, string Name, string ParentId, IReadOnlyDictionary<string, string>? Tags = null);
