namespace IrOperator.Controllers;

/// <summary>
/// One apply path per (IAM role, account): every writer of a role's IAM documents (the ResponderRole
/// controller now, the BreakGlassGrant controller later) takes this lock around read-plan-apply, so two
/// applies to one role in one account never interleave (IAM has no conditional write; see
/// docs/architecture.md, "One writer per role"). Keys are released when nobody holds or waits for them.
/// </summary>
public sealed class RoleApplyLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    /// <summary>The key of a role in an account; IAM role names are case-insensitive.</summary>
    public static string Key(string accountId, string roleName) => $"{accountId}/{roleName.ToUpperInvariant()}";

    /// <summary>Waits for the (account, role) lock; dispose the result to release it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string accountId, string roleName, CancellationToken cancellationToken)
    {
        var key = Key(accountId, roleName);
        Entry entry;
        lock (_sync)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(key, entry, held: false);
            throw;
        }
        return new Holder(this, key, entry);
    }

    /// <summary>Keys currently held or waited for (tests: nothing leaks).</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    private void Release(string key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Gate.Release();
        }
        lock (_sync)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(RoleApplyLocks owner, string key, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(key, entry, held: true);
            }
            return ValueTask.CompletedTask;
        }
    }
}
