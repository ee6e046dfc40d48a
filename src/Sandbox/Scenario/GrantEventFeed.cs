using System.Collections.Concurrent;
using IrOperator.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// The narrator's view of one grant, read as admin: polls the grant and its Events (a list with a field
/// selector, so a dropped watch under <c>kube.watch-drop</c> cannot hide anything) and prints each new Event and
/// each change of phase or account states as it appears. Steps wait on <see cref="Grant"/> (the status is the
/// record) and <see cref="Saw"/> (Events are best-effort: the API server may refuse one under injected faults).
/// </summary>
public sealed class GrantEventFeed : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly IKubernetes _admin;
    private readonly string _namespace;
    private readonly string _name;
    private readonly ScenarioTimeline _timeline;
    private readonly ConcurrentDictionary<string, Corev1Event> _events = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task _loop = Task.CompletedTask;
    private string? _lastState;
    private volatile BreakGlassGrant? _grant;

    public GrantEventFeed(IKubernetes admin, string ns, string name, ScenarioTimeline timeline)
    {
        _admin = admin;
        _namespace = ns;
        _name = name;
        _timeline = timeline;
    }

    /// <summary>The grant as last read (null until it exists).</summary>
    public BreakGlassGrant? Grant => _grant;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Whether an Event with this reason (and matching <paramref name="match"/>) was seen on the grant.</summary>
    public bool Saw(string reason, Func<Corev1Event, bool>? match = null) =>
        _events.Values.Any(e => e.Reason == reason && (match?.Invoke(e) ?? true));

    /// <summary>Reads once more and prints what is new (called by steps before they look).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await ReadGrantAsync(cancellationToken).ConfigureAwait(false);
        await ReadEventsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The narrator keeps reading; a step that waits on what it did not see reports it.
                _timeline.Note($"(could not read the grant: {e.Message})");
            }
            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadGrantAsync(CancellationToken cancellationToken)
    {
        try
        {
            var grant = await _admin.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(
                IrOperatorApi.Group, IrOperatorApi.Version, _namespace, IrOperatorApi.BreakGlassGrantPlural, _name, cancellationToken: cancellationToken).ConfigureAwait(false);
            _grant = grant;
            var state = Describe(grant);
            lock (_gate)
            {
                if (state is not null && state != _lastState)
                {
                    _lastState = state;
                    _timeline.Kube(state);
                }
            }
        }
        catch (Exception e) when (e is HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.NotFound } || KubeRetry.IsTransient(e))
        {
            // Not created yet, or an injected fault: the next round reads again.
        }
    }

    private async Task ReadEventsAsync(CancellationToken cancellationToken)
    {
        Corev1EventList events;
        try
        {
            events = await _admin.CoreV1.ListNamespacedEventAsync(_namespace, fieldSelector: $"involvedObject.name={_name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeRetry.IsTransient(e))
        {
            return;
        }
        var uid = _grant?.Metadata.Uid;
        foreach (var item in events.Items
            .Where(e => uid is null || e.InvolvedObject.Uid is null || e.InvolvedObject.Uid == uid)
            .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? DateTime.MinValue))
        {
            var key = $"{item.Metadata.Name}#{item.Count ?? 1}";
            if (_events.TryAdd(key, item))
            {
                var count = item.Count is > 1 ? $" (x{item.Count})" : "";
                _timeline.Event($"{item.Type} {item.Reason}{count}: {item.Message}");
            }
        }
    }

    /// <summary>One line for the grant's phase and per-account states, e.g. <c>grant phase Active: 333333333333 Active, 444444444444 Active</c>.</summary>
    private static string? Describe(BreakGlassGrant grant)
    {
        if (grant.Status?.Phase is not { } phase)
        {
            return null;
        }
        var accounts = grant.Status.Accounts is { Count: > 0 } list
            ? ": " + string.Join(", ", list.Select(a => $"{a.AccountId} {a.State}"))
            : "";
        return $"grant {grant.Metadata.Name} is {phase}{accounts}";
    }
}
