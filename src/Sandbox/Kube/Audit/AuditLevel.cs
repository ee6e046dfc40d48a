namespace IrOperator.Sandbox.Kube.Audit;

/// <summary>How much of a request the audit log records (the audit policy's levels; the emulator knows two).</summary>
public enum AuditLevel
{
    /// <summary>Not recorded.</summary>
    None,

    /// <summary>One event with who, what, when and the response code; no request or response bodies.</summary>
    Metadata,
}
