using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;

namespace IrOperator.Resources;

/// <summary>
/// Selects AWS accounts of the organization: the union of ids, organizational units (recursively) and
/// accounts carrying all the given tags, minus exclude. Only ACTIVE accounts are used.
/// </summary>
[CelRule(CelRules.SelectsAccounts, CelRules.SelectsAccountsMessage)]
public sealed class AccountSelector
{
    /// <summary>Account ids (12 digits).</summary>
    [MinItems(1)]
    [MaxItems(1000)]
    [ListType(ListTypeAttribute.Set)]
    [Pattern(ResourcePatterns.AccountId, OnItems = true)]
    [JsonPropertyName("ids")]
    public IList<string>? Ids { get; set; }

    /// <summary>Organizational unit ids (ou-xxxx-xxxxxxxx); accounts in nested OUs are included.</summary>
    [MinItems(1)]
    [MaxItems(100)]
    [ListType(ListTypeAttribute.Set)]
    [Pattern(ResourcePatterns.OrganizationalUnitId, OnItems = true)]
    [JsonPropertyName("organizationalUnits")]
    public IList<string>? OrganizationalUnits { get; set; }

    /// <summary>Account tags that must all match (key: value), e.g. {"ir-managed": "true"}.</summary>
    [MaxProperties(20)]
    [MaxLength(256, OnItems = true)]
    [JsonPropertyName("tags")]
    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>Account ids left out even when selected above.</summary>
    [MaxItems(1000)]
    [ListType(ListTypeAttribute.Set)]
    [Pattern(ResourcePatterns.AccountId, OnItems = true)]
    [JsonPropertyName("exclude")]
    public IList<string>? Exclude { get; set; }
}
