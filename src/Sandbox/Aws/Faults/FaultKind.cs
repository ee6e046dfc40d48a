namespace IrOperator.Sandbox.Aws.Faults;

public enum FaultKind
{
    /// <summary>IAM/STS <c>Throttling</c> (400), Organizations <c>TooManyRequestsException</c>.</summary>
    Throttling,

    /// <summary>IAM/STS <c>ServiceUnavailable</c> (503), Organizations <c>ServiceException</c> (500).</summary>
    ServiceUnavailable,

    /// <summary>IAM/STS <c>InternalFailure</c> (500), Organizations <c>ServiceException</c> (500).</summary>
    InternalFailure,
}
