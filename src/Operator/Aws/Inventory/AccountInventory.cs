using IrOperator.Aws.Organizations;
using Serilog;

namespace IrOperator.Aws.Inventory;

/// <summary>
/// Resolves account selectors from AWS Organizations. The whole tree (roots, OUs, accounts, account tags)
/// is read at most once per <see cref="AccountInventoryOptions.RefreshInterval"/> and shared by every selector.
/// </summary>
public sealed class AccountInventory : IDisposable
{
    private readonly IOrganizationsClient _organizations;
    private readonly AccountInventoryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile OrganizationSnapshot? _snapshot;

    public AccountInventory(IOrganizationsClient organizations, AccountInventoryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _organizations = organizations;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger.ForContext<AccountInventory>();
    }

    public async Task<AccountSelection> ResolveAsync(AccountSelector selector, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Select(selector);

    /// <summary>The current snapshot, read again when older than the refresh interval.</summary>
    public async Task<OrganizationSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } current && IsFresh(current))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } renewed && IsFresh(renewed))
            {
                return renewed;
            }

            var read = await ReadAsync(cancellationToken).ConfigureAwait(false);
            _snapshot = read;
            return read;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the snapshot so the next resolution reads Organizations again.</summary>
    public void Invalidate() => _snapshot = null;

    public void Dispose() => _gate.Dispose();

    private bool IsFresh(OrganizationSnapshot current) => _timeProvider.GetUtcNow() - current.ReadAt < _options.RefreshInterval;

    private async Task<OrganizationSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var readAt = _timeProvider.GetUtcNow();
        var accounts = new Dictionary<string, InventoryAccount>(StringComparer.Ordinal);
        await foreach (var root in _organizations.ListRootsAsync(cancellationToken).ConfigureAwait(false))
        {
            await ReadParentAsync(root.Id, [], accounts, cancellationToken).ConfigureAwait(false);
        }

        _logger.Information(
            "Read the organization: {AccountCount} accounts, {ActiveCount} active",
            accounts.Count, accounts.Values.Count(a => a.IsActive));
        return new OrganizationSnapshot(accounts, readAt);
    }

    private async Task ReadParentAsync(string parentId, IReadOnlyList<string> units, Dictionary<string, InventoryAccount> accounts, CancellationToken cancellationToken)
    {
        await foreach (var account in _organizations.ListAccountsForParentAsync(parentId, cancellationToken).ConfigureAwait(false))
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var tag in _organizations.ListTagsForResourceAsync(account.Id, cancellationToken).ConfigureAwait(false))
            {
                tags[tag.Key] = tag.Value;
            }

            accounts[account.Id] = new InventoryAccount(account.Id, account.Name, account.IsActive, account.State ?? account.Status ?? "UNKNOWN", units, tags);
        }

        await foreach (var unit in _organizations.ListOrganizationalUnitsForParentAsync(parentId, cancellationToken).ConfigureAwait(false))
        {
            await ReadParentAsync(unit.Id, [.. units, unit.Id], accounts, cancellationToken).ConfigureAwait(false);
        }
    }
}
