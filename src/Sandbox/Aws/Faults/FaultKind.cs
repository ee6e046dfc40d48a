namespace IrOperator.Sandbox.Aws.Faults;

public enum FaultKind
{
    /// <summary>IAM/STS <c>Throttling</c> (400), Organizations <c>TooManyRequestsException</c>.</summary>
    Throttling,

    /// <summary>IAM/STS <c>ServiceUnavailable</c> (503), Organizations <c>ServiceException</c> (500).</summary>
    ServiceUnavailable,

    /// <summary>IAM/STS <c>InternalFailure</c> (500), Organizations <c>ServiceException</c> (500).</summary>
    InternalFailure,

    /// <summary>
    /// IAM <c>ConcurrentModification</c> (409: "multiple requests to change this object were submitted
    /// simultaneously"), Organizations <c>ConcurrentModificationException</c> (400). STS has no such
    /// error; it gets IAM's spelling.
    /// </summary>
    ConcurrentModification,
}
