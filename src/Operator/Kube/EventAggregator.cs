namespace IrOperator.Kube;

/// <summary>
/// Decides whether an event is new or a repeat. Like client-go's event correlator, an identical event
/// (same object, type, reason and message) seen again within the window bumps the count of the existing
/// Event instead of creating another, so a reconcile retrying every few seconds does not flood the API.
/// </summary>
public sealed class EventAggregator(TimeProvider time, TimeSpan window, int capacity = 4096)
{
    private readonly Dictionary<EventIdentity, Entry> _entries = [];
    private readonly Lock _gate = new();

    public EventDecision Decide(EventIdentity identity, string eventName)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(identity, out var entry) && now - entry.LastSeen < window)
            {
                entry.Count++;
                entry.LastSeen = now;
                return new EventDecision(entry.Name, entry.Count, entry.FirstSeen, now, IsNew: false);
            }
            if (_entries.Count >= capacity)
            {
                var oldest = _entries.MinBy(e => e.Value.LastSeen).Key;
                _entries.Remove(oldest);
            }
            _entries[identity] = new Entry(eventName, now);
            return new EventDecision(eventName, 1, now, now, IsNew: true);
        }
    }

    /// <summary>Forgets a series (its Event expired on the server): the next repeat starts a new one.</summary>
    public void Forget(EventIdentity identity)
    {
        lock (_gate)
        {
            _entries.Remove(identity);
        }
    }

    private sealed class Entry(string name, DateTimeOffset firstSeen)
    {
        public string Name { get; } = name;

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public int Count { get; set; } = 1;
    }
}
