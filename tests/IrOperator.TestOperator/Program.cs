using IrOperator.Cli;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.TestOperator;

/// <summary>
/// `iroperator` as shipped (same CLI, same `run` verb, same host) with test controllers registered, configured
/// by TESTOP_* variables (<see cref="TestSettings"/>). The product has no test hook: this program is the hook.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var test = TestSettings.FromEnvironment();
        var records = new RecordFile(test.RecordsPath);
        var controllers = new ControllerRegistry().Add(ctx => new Controller<Widget>(
            "widgets",
            new Informer<Widget>(ctx.Client, WidgetCrd.Kind, ctx.Time, new InformerOptions { Namespace = test.Namespace }, ctx.Log),
            new StubbornReconciler(records, test.ReconcileTime),
            ctx.Time,
            ctx.ControllerOptions,
            ctx.Log));
        if (test.FailAfter is { } failAfter)
        {
            controllers.Add(_ => new FailingController(failAfter));
        }
        return OperatorCli.InvokeAsync(args, _ => controllers);
    }
}
