namespace IrOperator.Controllers.Grants;

/// <summary>
/// One approval (or denial) annotation as written: <c>approval.iroperator.io/&lt;any name&gt;: &lt;username&gt;[|&lt;group&gt;...]</c>.
/// The value is what the admission policy checks against <c>request.userInfo</c> at the moment of writing: the
/// first part must be the writer's user name, every further part one of the writer's groups (docs/approvals.md).
/// The operator reads it back the same way, splitting on '|': whatever the policy let through is, part for part,
/// the writer's name and groups.
/// </summary>
public sealed record ApprovalClaim(string Key, string User, IReadOnlyList<string> Groups)
{
    public const char Separator = '|';

    /// <summary>Parses one annotation; null with <paramref name="error"/> when the value is not in the format.</summary>
    public static ApprovalClaim? Parse(string key, string? value, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(value))
        {
            error = $"annotation {key} is empty; its value must be your user name, optionally followed by |<group> for each approver group you approve as";
            return null;
        }
        var parts = value.Split(Separator);
        if (parts.Any(p => p.Length == 0))
        {
            error = $"annotation {key}: \"{value}\" has an empty part; the format is <user>[|<group>...]";
            return null;
        }
        return new ApprovalClaim(key, parts[0], parts[1..]);
    }
}
