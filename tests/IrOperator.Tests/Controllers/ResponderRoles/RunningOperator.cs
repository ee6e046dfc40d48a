using IrOperator.Aws.Inventory;
using IrOperator.Controllers;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.Runtime.Support;
using Serilog;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>
/// The ResponderRole controller running against the fixture's emulators as one operator process: its own
/// informers, locks and memory of recent writes, the production factory. Dispose (or <see cref="StopAsync"/>)
/// to stop it like a shutdown or a lost lease; start another for a restart.
/// </summary>
public sealed class RunningOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly AccountInventory _inventory;

    private RunningOperator(ResponderRoleFixture fixture, ResponderRoleOptions options)
    {
        Log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(Sink).CreateLogger();
        var time = TimeProvider.System;
        var client = fixture.Admin;
        Events = new EventRecorder(client, time, "iroperator", "test", Log);
        Status = new StatusWriter(client, Log);
        var context = new OperatorContext(client, time, Status, new Finalizers(client, Log), Events, new ControllerOptions { Workers = 2 }, Log);
        _inventory = new AccountInventory(fixture.Stack.Organizations, new AccountInventoryOptions { RefreshInterval = TimeSpan.FromSeconds(1) }, time, Log);
        Controller = ResponderRoleController.Create(context, _inventory, fixture.Stack.Factory, new RoleApplyLocks(), new RoleWriteMemory(), options, new IrOperator.Controllers.Grants.GrantAccessLedger());
        _run = Controller.RunAsync(_stop.Token);
    }

    public ListSink Sink { get; } = new();

    public ILogger Log { get; }

    public EventRecorder Events { get; }

    /// <summary>The status writer (its Writes count status PATCHes).</summary>
    public StatusWriter Status { get; }

    public Controller<ResponderRole> Controller { get; }

    public static RunningOperator Start(ResponderRoleFixture fixture, ResponderRoleOptions options) => new(fixture, options);

    /// <summary>Audit lines (every Event, with what changed).</summary>
    public IReadOnlyList<string> AuditLines() =>
        Sink.Events.Where(e => e.Properties.ContainsKey("Audit")).Select(e => e.RenderMessage()).ToList();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(ResponderRoleFixture.Deadline);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        Controller.Dispose();
        // To diagnose a failure: RR_TEST_LOG=/tmp/rr.log dotnet test ... appends this process's log there.
        if (Environment.GetEnvironmentVariable("RR_TEST_LOG") is { } path)
        {
            await File.AppendAllLinesAsync(path, Sink.Events.Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.Level} {e.RenderMessage()} {e.Exception?.Message}"));
        }
        _inventory.Dispose();
        _stop.Dispose();
    }
}
