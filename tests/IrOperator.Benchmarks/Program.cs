using BenchmarkDotNet.Running;
using IrOperator.Benchmarks.Chaos;
using IrOperator.Benchmarks.Grants;
using IrOperator.Benchmarks.Image;
using IrOperator.Benchmarks.ResponderRoles;
using IrOperator.Benchmarks.Runtime;

namespace IrOperator.Benchmarks;

internal static class Program
{
    // `runtime` runs the controller-runtime scale harness (emulator + operator child process);
    // `responder-roles` the ResponderRole controller at organization scale (both emulators + operator child
    // process); `grants` the BreakGlassGrant latencies (the same pieces); anything else goes to BenchmarkDotNet.
    public static async Task<int> Main(string[] args)
    {
        // `chaos`: grants under faults, kills and leader changes (docs/reliability.md).
        if (args.Length > 0 && args[0] == ChaosHarness.Verb)
        {
            return await ChaosHarness.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == RuntimeScaleHarness.Verb)
        {
            return await RuntimeScaleHarness.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == ColdStartSide.Verb)
        {
            return await ColdStartSide.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == OperatorSide.Verb)
        {
            return await OperatorSide.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == ResponderRoleHarness.Verb)
        {
            return await ResponderRoleHarness.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == GrantHarness.Verb)
        {
            return await GrantHarness.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == ImageHarness.Verb)
        {
            return await ImageHarness.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == OperatorChild.Verb)
        {
            return await OperatorChild.RunAsync(args[1..]);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
