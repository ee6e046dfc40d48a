namespace IrOperator.Sandbox;

internal static class Program
{
    // The sandbox: the embedded default. Filled in by the emulator work.
    public static int Main()
    {
        Console.WriteLine("IrOperator sandbox");
        return 0;
    }
}
