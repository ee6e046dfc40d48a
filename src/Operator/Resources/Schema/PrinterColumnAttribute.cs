namespace IrOperator.Resources.Schema;

/// <summary>One <c>additionalPrinterColumns</c> entry of a kind, shown by <c>kubectl get</c> in <see cref="Order"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath, string description) : Attribute
{
    public int Order { get; } = order;

    public string Name { get; } = name;

    /// <summary><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c> (shown as an age).</summary>
    public string Type { get; } = type;

    public string JsonPath { get; } = jsonPath;

    public string Description { get; } = description;

    /// <summary>0: always shown; 1: only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
