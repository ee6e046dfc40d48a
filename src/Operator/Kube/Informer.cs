using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// Keeps an <see cref="ObjectCache{T}"/> of one custom resource kind in step with the API server: list,
/// then watch from the list's resourceVersion with bookmarks. A watch that ends (server timeout, dropped
/// connection) resumes from the last version seen, so nothing in between is lost; a 410 Gone (that
/// version left the server's history) relists and reports every difference as a change. A paged list
/// is one snapshot at its first page's resourceVersion, so the watch resumes from that one (as
/// client-go's reflector does); see docs/runtime.md, "Informer".
/// </summary>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;
    private readonly ResourceKind _kind;
    private readonly TimeProvider _time;
    private readonly InformerOptions _options;
    private readonly ILogger _log;
    /// <summary>client-go's reflector: a watch that ends within a second having delivered nothing is a failure.</summary>
    private static readonly TimeSpan MinimumWatchDuration = TimeSpan.FromSeconds(1);

    private readonly List<Action<ObjectKey>> _handlers = [];
    private readonly List<Action<T>> _deleteHandlers = [];
    private string? _resourceVersion;
    private bool _progress;

    public Informer(IKubernetes client, ResourceKind kind, TimeProvider time, InformerOptions? options = null, ILogger? log = null)
    {
        _client = client;
        _kind = kind;
        _time = time;
        _options = options ?? new InformerOptions();
        _log = (log ?? Log.Logger).ForContext("Kind", kind.Kind);
    }

    public ObjectCache<T> Cache { get; } = new();

    public ResourceKind Kind => _kind;

    public bool IsSynced => Cache.IsSynced;

    public Task Synced => Cache.Synced;

    /// <summary>Lists performed, the first included (a relist follows a 410 Gone).</summary>
    public int Lists { get; private set; }

    /// <summary>Watch requests opened (a resume after a drop is a new one).</summary>
    public int Watches { get; private set; }

    /// <summary>
    /// Calls the handler with the key of every object that was added, changed in any way (metadata,
    /// annotations and status included: the resourceVersion moved) or deleted. Register before running.
    /// </summary>
    public void OnChange(Action<ObjectKey> handler) => _handlers.Add(handler);

    /// <summary>
    /// Calls the handler with the last known state of every object that left the server: the DELETED
    /// event's object, or the cached copy when a relist finds the object gone or replaced by a new one of
    /// the same name (another UID). Called before the key's <see cref="OnChange"/> handlers. Register before running.
    /// </summary>
    public void OnDelete(Action<T> handler) => _deleteHandlers.Add(handler);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            _progress = false;
            try
            {
                if (_resourceVersion is null)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                }
                var opened = _time.GetTimestamp();
                await WatchAsync(cancellationToken).ConfigureAwait(false);
                if (!_progress && _resourceVersion is not null && _time.GetElapsedTime(opened) < MinimumWatchDuration)
                {
                    // A server that closes every watch at once would otherwise be hammered in a tight loop.
                    throw new IOException($"Watch of {_kind} closed after {_time.GetElapsedTime(opened).TotalMilliseconds:0} ms with no events.");
                }
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                _log.Information("Watch of {Resource} from version {ResourceVersion} expired (410 Gone); relisting", _kind, _resourceVersion);
                _resourceVersion = null;
            }
            catch (Exception e) when (_progress && e is HttpRequestException or IOException)
            {
                // A watch cut after it delivered events (load balancer, API server restart): resume at once
                // from the last version seen; only a watch that cannot make progress backs off.
                _log.Debug(e, "Watch of {Resource} dropped; resuming from {ResourceVersion}", _kind, _resourceVersion);
                failures = 0;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 20))));
                // The timer goes on the clock before the line is written, so whoever sees the line (a test
                // on a fake clock) can move the clock past it.
                var backoff = Task.Delay(delay, _time, cancellationToken);
                _log.Warning(e, "List/watch of {Resource} failed ({Failures} in a row); retrying in {Delay}", _kind, failures, delay);
                try
                {
                    await backoff.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped while backing off: a normal end, like a stop while watching.
                    return;
                }
            }
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        Lists++;
        var pageSize = _options.ListPageSize > 0 ? _options.ListPageSize : (int?)null;
        IReadOnlyList<T> items;
        string? listVersion;
        try
        {
            (items, listVersion) = await ListPagesAsync(pageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (pageSize is not null && e.Response.StatusCode == HttpStatusCode.Gone)
        {
            // The first page's version left the history before the last page was read (client-go's pager,
            // FullListIfExpired): one unpaged list is a consistent snapshot by itself.
            _log.Information("Paged list of {Resource} expired between pages (410); listing in one request", _kind);
            (items, listVersion) = await ListPagesAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var seen = new HashSet<ObjectKey>();
        foreach (var item in items)
        {
            seen.Add(ObjectKey.Of(item.Metadata));
            Store(item);
        }

        // Objects deleted while we were not watching (only possible on a relist).
        foreach (var key in Cache.Keys().Where(k => !seen.Contains(k)))
        {
            if (Cache.Remove(key) is { } gone)
            {
                NotifyDeleted(gone);
            }
            Notify(key);
        }
        _resourceVersion = listVersion;
        _log.Debug("Listed {Count} {Resource} at version {ResourceVersion}", seen.Count, _kind, listVersion);
        Cache.MarkSynced();
    }

    /// <summary>
    /// Reads every page, then returns the items and the FIRST page's resourceVersion: the server serves the
    /// later pages from that snapshot, so it is the version the items are at (a later page's version would
    /// skip the changes made while paging).
    /// </summary>
    private async Task<(IReadOnlyList<T> Items, string? ResourceVersion)> ListPagesAsync(int? pageSize, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? continueToken = null;
        string? listVersion = null;
        do
        {
            var page = _options.Namespace is { } ns
                ? await _client.CustomObjects.ListNamespacedCustomObjectAsync(
                    _kind.Group, _kind.Version, ns, _kind.Plural,
                    continueParameter: continueToken,
                    limit: pageSize,
                    cancellationToken: cancellationToken).ConfigureAwait(false)
                : await _client.CustomObjects.ListClusterCustomObjectAsync(
                    _kind.Group, _kind.Version, _kind.Plural,
                    continueParameter: continueToken,
                    limit: pageSize,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            var list = KubernetesJson.Deserialize<ResourceList<T>>((JsonElement)page);
            items.AddRange(list.Items ?? []);
            listVersion ??= list.Metadata?.ResourceVersion;
            continueToken = list.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));
        return (items, listVersion);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        Watches++;
        using var watchCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gone = false;
        Exception? streamError = null;

        void OnError(Exception error)
        {
            // An ERROR event in the stream (e.g. "too old resource version") arrives here, not as an
            // exception from the enumerator; 410 means our version left the server's history: relist.
            if (error is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                gone = true;
                watchCancellation.Cancel();
                return;
            }
            streamError ??= error;
        }

        // Servers end watches after timeoutSeconds; a random spread keeps replicas from reconnecting together.
        var timeout = (int)(_options.WatchTimeout.TotalSeconds * (1 + (Random.Shared.NextDouble() / 2)));
        var events = _options.Namespace is { } ns
            ? _client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                _kind.Group, _kind.Version, ns, _kind.Plural,
                allowWatchBookmarks: true,
                resourceVersion: _resourceVersion,
                timeoutSeconds: timeout,
                onError: OnError,
                cancellationToken: watchCancellation.Token)
            : _client.CustomObjects.WatchListClusterCustomObjectAsync(
                _kind.Group, _kind.Version, _kind.Plural,
                allowWatchBookmarks: true,
                resourceVersion: _resourceVersion,
                timeoutSeconds: timeout,
                onError: OnError,
                cancellationToken: watchCancellation.Token);
        try
        {
            await foreach (var (type, payload) in events.ConfigureAwait(false))
            {
                Apply(type, (JsonElement)payload);
            }
        }
        catch (OperationCanceledException) when (gone && !cancellationToken.IsCancellationRequested)
        {
        }

        if (gone)
        {
            _log.Information("Watch of {Resource} from version {ResourceVersion} expired (410 Gone); relisting", _kind, _resourceVersion);
            _resourceVersion = null;
        }
        else if (streamError is not null && !_progress)
        {
            // An error before any event: reopening at once could spin against a server that keeps
            // answering the same way, so let RunAsync's backoff handle it.
            throw new IOException($"Watch of {_kind} reported an error before any event.", streamError);
        }
        else if (streamError is not null)
        {
            // Undecodable lines or other in-stream errors after progress: resume from the last good version.
            _log.Warning(streamError, "Watch of {Resource} reported an error; resuming from {ResourceVersion}", _kind, _resourceVersion);
        }
    }

    private void Apply(WatchEventType type, JsonElement payload)
    {
        _progress = true;
        if (type == WatchEventType.Bookmark)
        {
            // A bookmark carries only a newer resourceVersion: resuming from it skips history we no longer need.
            if (payload.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version))
            {
                _resourceVersion = version.GetString();
            }
            return;
        }
        var item = KubernetesJson.Deserialize<T>(payload);
        if (type == WatchEventType.Deleted)
        {
            var key = ObjectKey.Of(item.Metadata);
            Cache.Remove(key);
            NotifyDeleted(item);
            Notify(key);
        }
        else
        {
            Store(item);
        }
        _resourceVersion = item.Metadata.ResourceVersion;
    }

    private void Store(T item)
    {
        var previous = Cache.Upsert(item);
        if (previous is not null && previous.Metadata.Uid != item.Metadata.Uid)
        {
            // Deleted and created again under the same name while we were not watching: the old one is gone.
            NotifyDeleted(previous);
        }
        // Same resourceVersion means the same object (a relist returning what we had): no change to report.
        if (previous is null || previous.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
        {
            Notify(ObjectKey.Of(item.Metadata));
        }
    }

    private void NotifyDeleted(T lastKnown)
    {
        foreach (var handler in _deleteHandlers)
        {
            handler(lastKnown);
        }
    }

    private void Notify(ObjectKey key)
    {
        foreach (var handler in _handlers)
        {
            handler(key);
        }
    }
}
