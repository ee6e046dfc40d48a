namespace IrOperator.Resources.Schema;

/// <summary>
/// The schema's <c>default</c> is the value the property has in a new instance (its initializer), so the
/// API server's default and the default of an object built in C# can never disagree.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultedAttribute : Attribute;
