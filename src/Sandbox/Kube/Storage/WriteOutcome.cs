namespace IrOperator.Sandbox.Kube.Storage;

/// <summary>Why a compare-and-swap write did not happen.</summary>
public enum WriteOutcome
{
    Written,
    NotFound,
    AlreadyExists,
    ResourceVersionMismatch,
}
