using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace IrOperator.Kube;

/// <summary>
/// The informer's in-memory copy of one kind, readable by any reconciler (a grant looks up its role here,
/// not on the API server). Objects are shared: readers must not mutate them (deep-copy before changing).
/// </summary>
public sealed class ObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, T> _objects = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the first list has been loaded.</summary>
    public bool IsSynced => _synced.Task.IsCompleted;

    /// <summary>Completes once the first list has been loaded.</summary>
    public Task Synced => _synced.Task;

    public int Count => _objects.Count;

    public T? Get(ObjectKey key) => _objects.GetValueOrDefault(key);

    public IReadOnlyCollection<T> List() => _objects.Values.ToList();

    public IReadOnlyCollection<ObjectKey> Keys() => _objects.Keys.ToList();

    /// <summary>Stores the object; returns the previous copy, if any.</summary>
    internal T? Upsert(T resource)
    {
        var key = ObjectKey.Of(resource.Metadata);
        T? previous = null;
        _objects.AddOrUpdate(key, resource, (_, old) =>
        {
            previous = old;
            return resource;
        });
        return previous;
    }

    internal T? Remove(ObjectKey key) => _objects.TryRemove(key, out var removed) ? removed : null;

    internal void MarkSynced() => _synced.TrySetResult();
}
