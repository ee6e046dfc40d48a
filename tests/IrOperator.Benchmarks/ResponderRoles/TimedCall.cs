using IrOperator.Sandbox.Aws;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>A call the AWS emulator answered, with when (Stopwatch ticks) and in which account (the caller's).</summary>
internal sealed record TimedCall(long At, RecordedCall Call)
{
    /// <summary>The caller's account (arn:aws:sts::ACCOUNT:assumed-role/... or arn:aws:iam::ACCOUNT:user/...).</summary>
    public string? Account => Call.CallerArn?.Split(':') is { Length: > 4 } parts ? parts[4] : null;

    public bool IsIamWrite => Call.Service == "iam" && !(Call.Action.StartsWith("Get", StringComparison.Ordinal) || Call.Action.StartsWith("List", StringComparison.Ordinal));
}
