using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Faults;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Storage;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// Serves a watch as the API server does: HTTP 200, then one JSON event per line (ADDED, MODIFIED,
/// DELETED, BOOKMARK, or a final ERROR carrying a Status such as 410 Expired), flushed as it happens,
/// until timeoutSeconds ends it. Fault injection ends it early, the way a draining or restarting server
/// closes its watches: the client must resume from the last version it saw. (The stream is ended, not
/// reset: a TCP reset can discard events the client has not read yet, which would make the fault
/// non-deterministic.)
/// </summary>
public sealed class WatchStreamer
{
    private readonly ObjectStore _store;
    private readonly KubeFaults _faults;
    private readonly TimeProvider _time;
    private readonly TimeSpan _bookmarkInterval;

    public WatchStreamer(ObjectStore store, KubeFaults faults, TimeProvider time, TimeSpan bookmarkInterval)
    {
        _store = store;
        _faults = faults;
        _time = time;
        _bookmarkInterval = bookmarkInterval;
    }

    public async Task StreamAsync(HttpContext context, WatchRequest watch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(watch);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        var droppedByFault = _faults.OpenWatch();
        if (_faults.WatchErrorStatusCode is { } errorCode)
        {
            await WriteAsync(response, "ERROR", StatusObjects.Failure(errorCode, "InternalError", "injected watch error"), context.RequestAborted);
            return;
        }

        var subscription = watch.FromRevision != 0 && _faults.TakeForcedExpiry()
            ? null
            : _store.Watch(watch.Type.StorageKey, watch.Namespace, watch.FromRevision);
        if (subscription is null)
        {
            // A too-old version is reported in the stream, not as the HTTP code (client-go relists on either).
            await WriteAsync(response, "ERROR", StatusObjects.Expired(watch.FromRevision, Math.Max(_store.CompactedRevision, watch.FromRevision + 1)), context.RequestAborted);
            return;
        }

        using (subscription)
        {
            using var ended = new CancellationTokenSource(watch.Timeout, _time);
            using var dropped = _faults.DropWatchAfter is { } dropAfter ? new CancellationTokenSource(dropAfter, _time) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, ended.Token, dropped.Token, droppedByFault);
            var sent = 0;
            var dropAfterEvents = _faults.DropWatchAfterEvents;
            await response.StartAsync(context.RequestAborted);
            try
            {
                foreach (var e in subscription.Replay)
                {
                    if (await SendAsync(response, watch, e, linked.Token) && ++sent >= dropAfterEvents)
                    {
                        return;
                    }
                }

                Task<bool>? waiting = null;
                while (true)
                {
                    waiting ??= subscription.Live.WaitToReadAsync(linked.Token).AsTask();
                    if (watch.Bookmarks)
                    {
                        using var tick = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
                        var delay = Task.Delay(_bookmarkInterval, _time, tick.Token);
                        var first = await Task.WhenAny(waiting, delay);
                        await tick.CancelAsync();
                        if (first == delay)
                        {
                            await BookmarkAsync(response, watch, subscription, linked.Token);
                            continue;
                        }
                    }

                    if (!await waiting)
                    {
                        return;
                    }

                    waiting = null;
                    while (subscription.Live.TryRead(out var e))
                    {
                        if (await SendAsync(response, watch, e, linked.Token) && ++sent >= dropAfterEvents)
                        {
                            return;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (dropped.IsCancellationRequested || droppedByFault.IsCancellationRequested || ended.IsCancellationRequested || context.RequestAborted.IsCancellationRequested)
            {
                // Dropped by fault injection, timeoutSeconds reached, or the client went away.
            }
        }
    }

    /// <summary>
    /// Sends an event if the watch's selectors let it through. As on the server, a MODIFIED object that
    /// starts matching arrives as ADDED and one that stops matching as DELETED (with its new state).
    /// </summary>
    private static async Task<bool> SendAsync(HttpResponse response, WatchRequest watch, StoredEvent e, CancellationToken ct)
    {
        var matchesNow = Matches(watch, e.Object);
        var type = e.Type;
        if (type == "MODIFIED" && e.Previous is not null && Matches(watch, e.Previous) != matchesNow)
        {
            type = matchesNow ? "ADDED" : "DELETED";
        }
        else if (!matchesNow)
        {
            return false;
        }

        var obj = EventConversion.FromStored(watch.Type, (JsonObject)e.Object.DeepClone());
        obj["apiVersion"] = watch.Type.ApiVersion;
        obj["kind"] = watch.Type.Kind;
        await WriteAsync(response, type, watch.Table is null ? obj : watch.Table.BuildForObject(obj, watch.Include), ct);
        return true;
    }

    private static bool Matches(WatchRequest watch, JsonObject obj) => watch.Labels.Matches(obj) && watch.Fields.Matches(obj);

    /// <summary>
    /// A bookmark promises the client it has seen everything up to its version, so it is sent only when
    /// every event up to the current revision has been delivered (they are published before the
    /// revision is readable, so an empty queue after reading it proves that).
    /// </summary>
    private async Task BookmarkAsync(HttpResponse response, WatchRequest watch, WatchSubscription subscription, CancellationToken ct)
    {
        var revision = _store.Revision;
        if (subscription.Live.TryPeek(out _))
        {
            return;
        }

        var bookmark = new JsonObject
        {
            ["kind"] = watch.Type.Kind,
            ["apiVersion"] = watch.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
        };
        await WriteAsync(response, "BOOKMARK", bookmark, ct);
    }

    private static async Task WriteAsync(HttpResponse response, string type, JsonObject obj, CancellationToken ct)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
        await response.Body.FlushAsync(ct);
    }
}
