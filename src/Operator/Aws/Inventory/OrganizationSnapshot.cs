namespace IrOperator.Aws.Inventory;

/// <summary>The organization's accounts at one moment, keyed by id.</summary>
public sealed record OrganizationSnapshot(IReadOnlyDictionary<string, InventoryAccount> Accounts, DateTimeOffset ReadAt)
{
    /// <summary>
    /// Pure resolution of a selector against this snapshot: the ACTIVE accounts selected, and in Skipped the
    /// ids named that are unknown or not active, and the not-active accounts the OUs or tags match.
    /// </summary>
    public AccountSelection Select(AccountSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var excluded = selector.Exclude.ToHashSet(StringComparer.Ordinal);
        var selected = new SortedDictionary<string, InventoryAccount>(StringComparer.Ordinal);
        var skipped = new List<SkippedAccount>();

        foreach (var id in selector.Ids.Distinct(StringComparer.Ordinal))
        {
            if (excluded.Contains(id))
            {
                continue;
            }

            if (!Accounts.TryGetValue(id, out var account))
            {
                skipped.Add(new SkippedAccount(id, "not an account of the organization"));
            }
            else if (!account.IsActive)
            {
                skipped.Add(new SkippedAccount(id, $"account state is {account.State}, not ACTIVE"));
            }
            else
            {
                selected[id] = account;
            }
        }

        var units = selector.OrganizationalUnits.ToHashSet(StringComparer.Ordinal);
        foreach (var account in Accounts.Values.Where(a => !excluded.Contains(a.Id)).OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            var inUnit = account.OrganizationalUnits.Any(units.Contains);
            var tagged = selector.Tags.Count > 0
                && selector.Tags.All(t => account.Tags.TryGetValue(t.Key, out var value) && string.Equals(value, t.Value, StringComparison.Ordinal));
            if (!inUnit && !tagged)
            {
                continue;
            }
            if (account.IsActive)
            {
                selected[account.Id] = account;
            }
            else if (skipped.All(s => s.Id != account.Id))
            {
                // Matched but not usable (suspended, closing): reported, so a role's status can say so.
                skipped.Add(new SkippedAccount(account.Id, $"account state is {account.State}, not ACTIVE"));
            }
        }

        return new AccountSelection(selected.Values.ToList(), skipped);
    }
}
