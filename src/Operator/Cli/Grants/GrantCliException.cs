namespace IrOperator.Cli.Grants;

/// <summary>
/// A refusal or failure the user can act on: the message says what went wrong and what to do, and is printed
/// as it is (no stack trace). Exit code 1 unless the verb documents another (docs/cli.md, "Exit codes").
/// </summary>
public sealed class GrantCliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
