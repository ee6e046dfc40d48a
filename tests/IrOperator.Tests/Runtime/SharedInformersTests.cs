using System.Collections.Concurrent;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.Tests.Runtime;

/// <summary>Informers are shared per kind within a leadership term; a kind only read by others is still run.</summary>
public sealed class SharedInformersTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    [Fact]
    public void Controllers_of_one_term_share_the_informer_of_a_kind_and_each_term_gets_new_ones()
    {
        Informer<Widget>? owned = null;
        Informer<Widget>? read = null;
        var registry = new ControllerRegistry()
            .Add(context => new Controller<Widget>("widgets", owned = context.Informers.For<Widget>(WidgetCrd.Kind), new RecordingReconciler(), context.Time))
            .Add(context => new Reader(read = context.Informers.For<Widget>(WidgetCrd.Kind)));

        var first = registry.Build(Context());
        var firstInformer = owned;
        var second = registry.Build(Context());

        read.Should().BeSameAs(owned, "one informer per kind per term");
        first.Should().HaveCount(2, "the kind is run by its controller, no extra runner");
        owned.Should().NotBeSameAs(firstInformer, "a new term starts with fresh caches");
        second.SelectMany(c => c.Informers).Should().ContainSingle().Which.Should().BeSameAs(owned);
    }

    [Fact]
    public async Task A_kind_only_read_by_others_is_run_and_its_changes_reach_the_reader()
    {
        var ns = await kube.NewNamespaceAsync("shared");
        var seen = new ConcurrentQueue<ObjectKey>();
        Informer<Widget>? read = null;
        var registry = new ControllerRegistry().Add(context =>
        {
            read = context.Informers.For<Widget>(WidgetCrd.Kind);
            read.OnChange(seen.Enqueue);
            return new Reader(read);
        });
        var controllers = registry.Build(Context());
        controllers.Should().Contain(c => c.Name == "shared-informers" && c.Informers.Single() == read);

        using var stop = new CancellationTokenSource();
        var run = Task.WhenAll(controllers.Select(c => c.RunAsync(stop.Token)));
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));

        await Eventually.HoldsAsync(() => seen.Contains(new ObjectKey(ns, "w")) && read!.Cache.Get(new ObjectKey(ns, "w")) is not null, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private OperatorContext Context() =>
        new(kube.Client, TimeProvider.System, new StatusWriter(kube.Client), new Finalizers(kube.Client), new EventRecorder(kube.Client, TimeProvider.System, "test", "test"), new ControllerOptions(), Serilog.Core.Logger.None);

    /// <summary>A controller that only reads widgets from the shared cache (runs no informer itself).</summary>
    private sealed class Reader(Informer<Widget> widgets) : IController
    {
        public string Name => "reader";

        public IReadOnlyList<IInformer> Informers => [];

        public Informer<Widget> Widgets => widgets;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
