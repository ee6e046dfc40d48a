using System.Net;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace IrOperator.Tests.Runtime;

/// <summary>Status writer, finalizer protocol and event recorder against the emulator over HTTPS.</summary>
public sealed class StatusFinalizerEventTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Status_write_on_a_stale_copy_gets_409_rereads_and_recomputes()
    {
        var ns = await kube.NewNamespaceAsync("conflict");
        var stale = await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        await kube.PatchAsync(ns, "w", """{"spec":{"value":2}}""");
        var writer = new StatusWriter(kube.Client, Serilog.Core.Logger.None);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var written = await writer.UpdateAsync<Widget, WidgetStatus>(WidgetCrd.Kind, stale, w => Projection(w, time), CancellationToken.None);

        writer.Writes.Should().Be(2, "the first write conflicted, the second used the fresh copy");
        written.Status!.ObservedValue.Should().Be(2);
        written.Status.ObservedGeneration.Should().Be(2);
        (await kube.GetAsync(ns, "w")).Status!.ObservedValue.Should().Be(2);

        time.Advance(TimeSpan.FromHours(1));
        var again = await writer.UpdateAsync<Widget, WidgetStatus>(WidgetCrd.Kind, written, w => Projection(w, time), CancellationToken.None);

        writer.Writes.Should().Be(2, "restating the same status writes nothing");
        again.Metadata.ResourceVersion.Should().Be(written.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Status_fields_no_longer_wanted_are_removed()
    {
        var ns = await kube.NewNamespaceAsync("clear");
        var widget = await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        var writer = new StatusWriter(kube.Client, Serilog.Core.Logger.None);
        widget = await writer.UpdateAsync<Widget, WidgetStatus>(WidgetCrd.Kind, widget, w => Projection(w, TimeProvider.System), CancellationToken.None);

        await writer.UpdateAsync<Widget, WidgetStatus>(WidgetCrd.Kind, widget, _ => new WidgetStatus { ObservedValue = 7 }, CancellationToken.None);

        var stored = await kube.GetAsync(ns, "w");
        stored.Status!.Conditions.Should().BeNull();
        stored.Status.ObservedValue.Should().Be(7);
    }

    [Fact]
    public async Task Deletion_waits_for_cleanup_to_succeed_before_the_finalizer_goes()
    {
        const string finalizer = "test.iroperator.io/cleanup";
        var ns = await kube.NewNamespaceAsync("finalize");
        var finalizers = new Finalizers(kube.Client, Serilog.Core.Logger.None);
        var cleanups = 0;
        var allowCleanup = new TaskCompletionSource();
        var reconciler = new RecordingReconciler(async (widget, ct) =>
        {
            if (await finalizers.FinalizeAsync(WidgetCrd.Kind, widget, finalizer, async (_, _) =>
                {
                    Interlocked.Increment(ref cleanups);
                    return allowCleanup.Task.IsCompleted ? ReconcileResult.Done : ReconcileResult.Retry(new InvalidOperationException("IAM unavailable"));
                }, ct) is { } deleting)
            {
                return deleting;
            }
            await finalizers.EnsureAsync(WidgetCrd.Kind, widget, finalizer, ct);
            return ReconcileResult.Done;
        });
        await kube.CreateAsync(WidgetCrd.New(ns, "held", 1));
        var informer = kube.NewInformer(ns);
        using var controller = new Controller<Widget>("finalize", informer, reconciler, TimeProvider.System,
            new ControllerOptions { BackoffBase = TimeSpan.FromMilliseconds(20), BackoffCap = TimeSpan.FromMilliseconds(200) }, Serilog.Core.Logger.None);
        using var stop = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token);
        await Eventually.HoldsAsync(async () => Finalizers.Has(await kube.GetAsync(ns, "held"), finalizer), Deadline);

        await kube.DeleteAsync(ns, "held");

        await Eventually.HoldsAsync(() => Volatile.Read(ref cleanups) >= 2, Deadline);
        var held = await kube.GetAsync(ns, "held");
        held.Metadata.DeletionTimestamp.Should().NotBeNull();
        held.Metadata.Finalizers.Should().Contain(finalizer, "cleanup has not succeeded yet");

        allowCleanup.SetResult();
        await Eventually.HoldsAsync(async () => await IsGoneAsync(ns, "held"), Deadline);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Repeated_events_aggregate_into_one_with_a_count_and_every_one_is_audited()
    {
        var ns = await kube.NewNamespaceAsync("events");
        var widget = await kube.CreateAsync(WidgetCrd.New(ns, "noisy", 1));
        var sink = new ListSink();
        using var log = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        var recorder = new EventRecorder(kube.Client, TimeProvider.System, "iroperator", "test-replica", log);

        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(widget, EventRecorder.Warning, "RoleNotFound", "spec.role 'db-admin' does not exist", CancellationToken.None);
        }
        await recorder.RecordAsync(widget, EventRecorder.Normal, "Approved", "approved by alice", CancellationToken.None);

        var events = (await kube.Client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        events.Should().HaveCount(2);
        var warning = events.Single(e => e.Reason == "RoleNotFound");
        warning.Count.Should().Be(3);
        warning.Type.Should().Be("Warning");
        warning.InvolvedObject.Name.Should().Be("noisy");
        warning.InvolvedObject.Uid.Should().Be(widget.Metadata.Uid);
        warning.InvolvedObject.Kind.Should().Be("Widget");
        events.Single(e => e.Reason == "Approved").Count.Should().Be(1);
        var audit = sink.Events.Where(e => e.Properties.TryGetValue("Audit", out var v) && v.ToString() == "True").ToList();
        audit.Should().HaveCount(4);
        audit[0].Properties["Reason"].ToString().Should().Be("\"RoleNotFound\"");
        audit[0].Properties["Name"].ToString().Should().Be("\"noisy\"");
    }

    private static WidgetStatus Projection(Widget widget, TimeProvider time) => new()
    {
        ObservedValue = widget.Spec.Value,
        Conditions = Conditions.Set(widget.Status?.Conditions, "Ready", Conditions.True, "Observed", "observed", widget.Metadata.Generation, time),
    };

    private async Task<bool> IsGoneAsync(string ns, string name)
    {
        try
        {
            await kube.GetAsync(ns, name);
            return false;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }
}
