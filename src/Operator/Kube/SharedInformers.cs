using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// One informer per kind for one leadership term, shared by every controller of that term: a grant
/// controller reads roles from the same cache the role controller keeps, and subscribes to its changes to
/// enqueue its own objects (see docs/runtime.md, "Writing a controller"). A new term builds a new set, so no
/// cache outlives the leadership it was filled under.
/// </summary>
public sealed class SharedInformers(IKubernetes client, TimeProvider time, ILogger log)
{
    private readonly ConcurrentDictionary<ResourceKind, IInformer> _informers = new();

    /// <summary>Every informer created in this term, in no particular order.</summary>
    public IReadOnlyCollection<IInformer> All => _informers.Values.ToList();

    /// <summary>The informer of <paramref name="kind"/>, created on first use (options apply only then).</summary>
    public Informer<T> For<T>(ResourceKind kind, InformerOptions? options = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = _informers.GetOrAdd(kind, k => new Informer<T>(client, k, time, options, log));
        return informer as Informer<T>
            ?? throw new InvalidOperationException($"The informer of {kind} was created for {informer.GetType()}, not for {typeof(T)}.");
    }

    /// <summary>The cache of <paramref name="kind"/>: read another kind's objects here, never from the API server.</summary>
    public ObjectCache<T> Cache<T>(ResourceKind kind)
        where T : class, IKubernetesObject<V1ObjectMeta> => For<T>(kind).Cache;
}
