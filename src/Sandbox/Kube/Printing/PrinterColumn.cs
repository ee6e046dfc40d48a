namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>A Table column after Name: a CRD's <c>additionalPrinterColumns</c> entry.</summary>
/// <param name="Name">Header, e.g. "Phase".</param>
/// <param name="Type">string, integer, number, boolean or date.</param>
/// <param name="JsonPath">Simple JSONPath such as <c>.status.phase</c> or <c>.spec.accounts[*]</c>.</param>
/// <param name="Description">Column description (the server's default names the JSONPath).</param>
/// <param name="Format">OpenAPI format hint, usually empty.</param>
/// <param name="Priority">0 shows by default; higher shows only with <c>kubectl get -o wide</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description = "", string Format = "", int Priority = 0);
