using System.Globalization;
using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Storage;

/// <summary>
/// The emulator's etcd: objects by resource, namespace and name; one global revision counter that
/// becomes every object's resourceVersion; a bounded history of changes that watches replay from, and
/// below which a watch is expired (410), like etcd compaction. Writes are compare-and-swap on the
/// resourceVersion, so optimistic concurrency is decided here, atomically.
/// Objects handed in are owned by the store afterwards; objects handed out are copies.
/// </summary>
public sealed class ObjectStore : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly Queue<StoredEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private readonly Func<int> _historyLimit;
    private long _revision;
    private long _compactedRevision;

    /// <param name="historyLimit">How many events to retain, read at every write (fault injection may lower it).</param>
    public ObjectStore(Func<int> historyLimit)
    {
        _historyLimit = historyLimit ?? throw new ArgumentNullException(nameof(historyLimit));
    }

    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>The newest revision no longer in the history: watching from below it is expired.</summary>
    public long CompactedRevision
    {
        get
        {
            lock (_gate)
            {
                Compact();
                return _compactedRevision;
            }
        }
    }

    public static long ParseResourceVersion(JsonObject obj) =>
        long.TryParse(obj["metadata"]?["resourceVersion"]?.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public JsonObject? Get(string storageKey, string ns, string name)
    {
        lock (_gate)
        {
            return Bucket(storageKey).TryGetValue(Key(ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>
    /// One page of objects in key order (namespace, then name): those matching <paramref name="filter"/>
    /// after the key <paramref name="afterKey"/>, at most <paramref name="limit"/> (0: all), how many
    /// more match, and the revision they were read at. With <paramref name="atRevision"/> (a later page of
    /// a paged list) the objects are read as they were at that revision, or null when it has been compacted
    /// out of the history (the caller answers 410 Expired). Only the page is copied.
    /// </summary>
    /// <summary>Every object of a kind (in a namespace, or all when null) as it is now.</summary>
    public List<JsonObject> ListAll(string storageKey, string? ns) => List(storageKey, ns, _ => true, null, 0)!.Value.Items;

    public (List<JsonObject> Items, long Remaining, long Revision)? List(string storageKey, string? ns, Func<JsonObject, bool> filter, string? afterKey, int limit, long atRevision = 0)
    {
        lock (_gate)
        {
            IEnumerable<KeyValuePair<string, JsonObject>> source = Bucket(storageKey);
            var revision = _revision;
            if (atRevision > 0 && atRevision < _revision)
            {
                Compact();
                if (atRevision < _compactedRevision)
                {
                    return null;
                }

                source = Snapshot(storageKey, atRevision);
                revision = atRevision;
            }

            var items = new List<JsonObject>();
            long remaining = 0;
            foreach (var (key, obj) in source)
            {
                if ((ns is not null && !key.StartsWith(ns + "/", StringComparison.Ordinal))
                    || (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
                    || !filter(obj))
                {
                    continue;
                }

                if (limit > 0 && items.Count >= limit)
                {
                    remaining++;
                }
                else
                {
                    items.Add((JsonObject)obj.DeepClone());
                }
            }

            return (items, remaining, revision);
        }
    }

    public bool NamespaceExists(string ns)
    {
        lock (_gate)
        {
            return Bucket("/namespaces").ContainsKey(Key("", ns));
        }
    }

    /// <summary>Whether the object exists and is being deleted, without copying it (checked on every create).</summary>
    public bool IsDeleting(string storageKey, string ns, string name)
    {
        lock (_gate)
        {
            return Bucket(storageKey).TryGetValue(Key(ns, name), out var obj) && obj["metadata"]?["deletionTimestamp"] is not null;
        }
    }

    /// <summary>Every object in namespace <paramref name="ns"/>, of any resource: (storage key, name) pairs.</summary>
    public List<(string StorageKey, string Name)> KeysInNamespace(string ns)
    {
        lock (_gate)
        {
            var prefix = ns + "/";
            return _objects
                .SelectMany(bucket => bucket.Value.Keys
                    .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(key => (bucket.Key, key[prefix.Length..])))
                .ToList();
        }
    }

    /// <summary>Every object of one resource, in all namespaces: (namespace, name) pairs.</summary>
    public List<(string Namespace, string Name)> KeysOf(string storageKey)
    {
        lock (_gate)
        {
            return Bucket(storageKey).Keys
                .Select(key => (key[..key.IndexOf('/', StringComparison.Ordinal)], key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]))
                .ToList();
        }
    }

    /// <summary>Adds a new object and stamps its resourceVersion.</summary>
    public WriteOutcome TryCreate(string storageKey, string ns, string name, JsonObject obj)
    {
        lock (_gate)
        {
            var bucket = Bucket(storageKey);
            var key = Key(ns, name);
            if (bucket.ContainsKey(key))
            {
                return WriteOutcome.AlreadyExists;
            }

            bucket[key] = Stamp(obj);
            Record(storageKey, ns, "ADDED", obj);
            return WriteOutcome.Written;
        }
    }

    /// <summary>Replaces an object if it is still at <paramref name="expectedRevision"/>.</summary>
    public WriteOutcome TryReplace(string storageKey, string ns, string name, long expectedRevision, JsonObject obj) =>
        CompareAndSwap(storageKey, ns, name, expectedRevision, (bucket, key) =>
        {
            var previous = bucket[key];
            bucket[key] = Stamp(obj);
            Record(storageKey, ns, "MODIFIED", obj, previous);
        });

    /// <summary>Removes an object if it is still at <paramref name="expectedRevision"/>; <paramref name="final"/> is what the DELETED event carries.</summary>
    public WriteOutcome TryDelete(string storageKey, string ns, string name, long expectedRevision, JsonObject final) =>
        CompareAndSwap(storageKey, ns, name, expectedRevision, (bucket, key) =>
        {
            var previous = bucket[key];
            bucket.Remove(key);
            Record(storageKey, ns, "DELETED", Stamp(final), previous);
        });

    /// <summary>Drops every object of a resource (its CRD was deleted), with DELETED events.</summary>
    public void DropAll(string storageKey) => Drop(storageKey, _ => true);

    /// <summary>Drops every object in a namespace (it was deleted), with DELETED events.</summary>
    public void DropNamespace(string ns)
    {
        lock (_gate)
        {
            foreach (var storageKey in _objects.Keys.ToList())
            {
                Drop(storageKey, key => key.StartsWith(ns + "/", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>
    /// Registers a watch. From revision 0 it first replays the current objects as ADDED (the server's
    /// "start at most recent"); from a revision it replays the retained history after it, or returns
    /// null when that revision is compacted away (the caller answers 410 Expired).
    /// </summary>
    public WatchSubscription? Watch(string storageKey, string? ns, long fromRevision)
    {
        lock (_gate)
        {
            Compact();
            List<StoredEvent> replay;
            if (fromRevision == 0)
            {
                replay = Bucket(storageKey)
                    .Where(kv => ns is null || kv.Key.StartsWith(ns + "/", StringComparison.Ordinal))
                    .Select(kv => new StoredEvent(ParseResourceVersion(kv.Value), storageKey, ns ?? "", "ADDED", (JsonObject)kv.Value.DeepClone()))
                    .ToList();
            }
            else if (fromRevision < _compactedRevision)
            {
                return null;
            }
            else
            {
                replay = [];
            }

            var subscription = new WatchSubscription(storageKey, ns, replay, Unregister);
            if (fromRevision != 0)
            {
                replay.AddRange(_history.Where(e => e.Revision > fromRevision && subscription.Matches(e)));
            }

            _watchers.Add(subscription);
            return subscription;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Close();
            }

            _watchers.Clear();
        }
    }

    private static string Key(string ns, string name) => $"{ns}/{name}";

    private void Drop(string storageKey, Func<string, bool> selectKey)
    {
        lock (_gate)
        {
            var bucket = Bucket(storageKey);
            foreach (var (key, obj) in bucket.Where(kv => selectKey(kv.Key)).ToList())
            {
                bucket.Remove(key);
                Record(storageKey, key[..key.IndexOf('/', StringComparison.Ordinal)], "DELETED", Stamp((JsonObject)obj.DeepClone()), obj);
            }
        }
    }

    private WriteOutcome CompareAndSwap(string storageKey, string ns, string name, long expectedRevision, Action<SortedDictionary<string, JsonObject>, string> write)
    {
        lock (_gate)
        {
            var bucket = Bucket(storageKey);
            var key = Key(ns, name);
            if (!bucket.TryGetValue(key, out var current))
            {
                return WriteOutcome.NotFound;
            }

            if (ParseResourceVersion(current) != expectedRevision)
            {
                return WriteOutcome.ResourceVersionMismatch;
            }

            write(bucket, key);
            return WriteOutcome.Written;
        }
    }

    private SortedDictionary<string, JsonObject> Bucket(string storageKey)
    {
        if (!_objects.TryGetValue(storageKey, out var bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[storageKey] = bucket;
        }

        return bucket;
    }

    /// <summary>
    /// The resource as it was at <paramref name="revision"/>: the current objects with every later change
    /// undone. The first retained change of a key after the revision says what the key held then (nothing
    /// before an ADDED, the previous object before a MODIFIED or DELETED).
    /// </summary>
    private SortedDictionary<string, JsonObject> Snapshot(string storageKey, long revision)
    {
        var then = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        foreach (var e in _history)
        {
            if (e.Revision <= revision || e.StorageKey != storageKey)
            {
                continue;
            }

            then.TryAdd(Key(e.Namespace, e.Object["metadata"]?["name"]?.GetValue<string>() ?? ""), e.Type == "ADDED" ? null : e.Previous);
        }

        var snapshot = new SortedDictionary<string, JsonObject>(Bucket(storageKey), StringComparer.Ordinal);
        foreach (var (key, obj) in then)
        {
            if (obj is null)
            {
                snapshot.Remove(key);
            }
            else
            {
                snapshot[key] = obj;
            }
        }

        return snapshot;
    }

    private JsonObject Stamp(JsonObject obj)
    {
        _revision++;
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = metadata;
        metadata["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
        return obj;
    }

    private void Record(string storageKey, string ns, string type, JsonObject obj, JsonObject? previous = null)
    {
        // The stored previous object is never changed again (writes replace objects), so it is shared, not copied.
        var e = new StoredEvent(_revision, storageKey, ns, type, (JsonObject)obj.DeepClone(), previous);
        _history.Enqueue(e);
        Compact();
        foreach (var watcher in _watchers)
        {
            if (watcher.Matches(e))
            {
                watcher.Publish(e);
            }
        }
    }

    private void Compact()
    {
        var limit = Math.Max(0, _historyLimit());
        while (_history.Count > limit)
        {
            _compactedRevision = _history.Dequeue().Revision;
        }
    }

    private void Unregister(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }
    }
}
