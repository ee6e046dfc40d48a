using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// RBAC objects are named by path segment (ValidateRBACName: path.IsValidPathSegmentName), not as DNS
/// subdomains, which is why the bootstrap roles can be called <c>system:discovery</c>.
/// </summary>
public static class RbacNames
{
    public static void Validate(ResourceType type, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problem = name switch
        {
            "." or ".." => $"may not be '{name}'",
            _ when name.Contains('/', StringComparison.Ordinal) => "may not contain '/'",
            _ when name.Contains('%', StringComparison.Ordinal) => "may not contain '%'",
            _ => null,
        };
        if (problem is not null)
        {
            throw StatusObjects.Invalid(type, name, "metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": {problem}");
        }
    }
}
