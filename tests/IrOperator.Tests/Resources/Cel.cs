namespace IrOperator.Tests.Resources;

/// <summary>Evaluates one CEL rule with <c>self</c> bound, on the Cel package the emulator also uses.</summary>
internal static class Cel
{
    private static readonly global::Cel.CelEnvironment Environment = new(Array.Empty<Google.Protobuf.Reflection.FileDescriptor>(), "");

    public static bool Evaluate(string rule, object? self)
    {
        lock (Environment)
        {
            return (bool)Environment.Program(rule, new Dictionary<string, object?> { ["self"] = self })!;
        }
    }
}
