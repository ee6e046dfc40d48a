using System.Threading.Channels;

namespace IrOperator.Sandbox.Kube.Storage;

/// <summary>
/// A registered watch: the events it must replay first (initial state or retained history), then a
/// channel of live events. Dispose to unregister.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Action<WatchSubscription> _unregister;
    private readonly Channel<StoredEvent> _live = Channel.CreateUnbounded<StoredEvent>(new UnboundedChannelOptions { SingleReader = true });

    internal WatchSubscription(string storageKey, string? ns, IReadOnlyList<StoredEvent> replay, Action<WatchSubscription> unregister)
    {
        StorageKey = storageKey;
        Namespace = ns;
        Replay = replay;
        _unregister = unregister;
    }

    public string StorageKey { get; }

    /// <summary>Null for all namespaces.</summary>
    public string? Namespace { get; }

    public IReadOnlyList<StoredEvent> Replay { get; }

    public ChannelReader<StoredEvent> Live => _live.Reader;

    internal bool Matches(StoredEvent e) =>
        e.StorageKey == StorageKey && (Namespace is null || e.Namespace == Namespace);

    internal void Publish(StoredEvent e) => _live.Writer.TryWrite(e);

    internal void Close() => _live.Writer.TryComplete();

    public void Dispose()
    {
        _unregister(this);
        Close();
    }
}
