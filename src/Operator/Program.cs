using IrOperator.Cli;

namespace IrOperator;

internal static class Program
{
    // `iroperator` with no verb runs the operator; every other verb is a tool around it.
    public static Task<int> Main(string[] args) => OperatorCli.InvokeAsync(args);
}
