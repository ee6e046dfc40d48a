namespace IrOperator.Sandbox.Kube.Server;

/// <summary>Query options of a write: <c>fieldValidation</c> (Strict, Warn (the default), Ignore) and <c>dryRun=All</c>.</summary>
public sealed record WriteOptions(string FieldValidation, bool DryRun)
{
    public static WriteOptions Default { get; } = new("Warn", false);
}
