namespace IrOperator.Sandbox.Kube.Server;

/// <summary>Query options of a write: <c>fieldValidation</c> (Strict, Warn (the default), Ignore) and <c>dryRun=All</c>.</summary>
public sealed record WriteOptions(string FieldValidation, bool DryRun)
{
    /// <summary>Collects admission's warnings and audit annotations for the handler (null: nobody reads them).</summary>
    public Admission.AdmissionEffects? Effects { get; init; }

    public static WriteOptions Default { get; } = new("Warn", false);
}
