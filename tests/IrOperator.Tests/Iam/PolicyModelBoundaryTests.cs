using System.Reflection;
using IrOperator.Iam.Policies;

namespace IrOperator.Tests.Iam;

public class PolicyModelBoundaryTests
{
    [Fact]
    public void The_policy_model_uses_no_kubernetes_or_resource_types()
    {
        var model = typeof(PolicyDocument).Assembly.GetTypes().Where(type => type.Namespace == typeof(PolicyDocument).Namespace).ToList();
        model.Should().Contain(typeof(PolicyStatement));

        var used = model
            .SelectMany(type => type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(member => member switch
            {
                PropertyInfo property => [property.PropertyType],
                FieldInfo field => [field.FieldType],
                MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType),
                ConstructorInfo constructor => constructor.GetParameters().Select(p => p.ParameterType),
                _ => Enumerable.Empty<Type>(),
            })
            .SelectMany(type => type.IsGenericType ? type.GetGenericArguments().Append(type) : [type])
            .Select(type => type.Namespace ?? "")
            .Distinct()
            .ToList();

        used.Should().NotContain(ns => ns.StartsWith("k8s", StringComparison.Ordinal) || ns.StartsWith("IrOperator.Resources", StringComparison.Ordinal)
            || ns.StartsWith("IrOperator.Aws", StringComparison.Ordinal));
    }
}
