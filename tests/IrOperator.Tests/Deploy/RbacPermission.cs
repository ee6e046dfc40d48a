namespace IrOperator.Tests.Deploy;

/// <summary>
/// One thing RBAC can allow: a verb on a resource (and subresource) of an API group, as the API server's audit
/// log names a request in <c>objectRef</c> and <c>verb</c>.
/// </summary>
public sealed record RbacPermission(string Group, string Resource, string Subresource, string Verb)
{
    public override string ToString() =>
        $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}{(Subresource.Length == 0 ? "" : "/" + Subresource)}";
}
