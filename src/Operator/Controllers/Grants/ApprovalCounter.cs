using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Counts a grant's approval and denial annotations against its role's <c>breakGlass.approvers</c>
/// (docs/approvals.md). The operator's own checks hold without the admission policy: only users or groups the
/// role names count, never the requester, each approver once. A group counts only when the approval claims it
/// (the part after '|'), which is the form the admission policy verifies against the writer's groups; the
/// operator cannot ask the API server for anyone's groups.
/// </summary>
public static class ApprovalCounter
{
    public static ApprovalTally Count(
        IDictionary<string, string>? annotations,
        string requestedBy,
        BreakGlassSpec breakGlass,
        IEnumerable<Approval>? alreadyCounted,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(breakGlass);
        var firstSeen = (alreadyCounted ?? []).Where(a => a.At is not null)
            .GroupBy(a => a.By, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(a => a.At!.Value), StringComparer.Ordinal);
        var seenAt = Truncate(now).UtcDateTime;
        var ignored = new List<IgnoredApproval>();

        List<Approval> Read(string prefix, string what)
        {
            var counted = new Dictionary<string, Approval>(StringComparer.Ordinal);
            foreach (var (key, value) in (annotations ?? new Dictionary<string, string>())
                         .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                         .OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var claim = ApprovalClaim.Parse(key, value, out var error);
                if (claim is null)
                {
                    ignored.Add(new IgnoredApproval(key, null, error!));
                    continue;
                }
                if (string.Equals(claim.User, requestedBy, StringComparison.Ordinal))
                {
                    ignored.Add(new IgnoredApproval(key, claim.User, $"{claim.User} requested this grant and cannot {what} it"));
                    continue;
                }
                var asUser = breakGlass.Approvers.Users?.Contains(claim.User, StringComparer.Ordinal) == true;
                var viaGroups = claim.Groups.Where(g => breakGlass.Approvers.Groups?.Contains(g, StringComparer.Ordinal) == true)
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (!asUser && viaGroups.Count == 0)
                {
                    ignored.Add(new IgnoredApproval(key, claim.User, NotAnApprover(claim, breakGlass, what)));
                    continue;
                }
                if (counted.ContainsKey(claim.User))
                {
                    // Distinct approvers: a second annotation by the same person adds nothing (not an error either).
                    continue;
                }
                counted[claim.User] = new Approval
                {
                    By = claim.User,
                    Groups = asUser ? null : viaGroups,
                    At = firstSeen.TryGetValue(claim.User, out var at) ? at : seenAt,
                };
            }
            return [.. counted.Values.OrderBy(a => a.At).ThenBy(a => a.By, StringComparer.Ordinal)];
        }

        var approvals = Read(IrOperatorApi.ApprovalAnnotationPrefix, "approve");
        var denials = Read(IrOperatorApi.DenialAnnotationPrefix, "deny");
        return new ApprovalTally(approvals, ignored, denials, Math.Max(1, breakGlass.MinApprovals));
    }

    private static string NotAnApprover(ApprovalClaim claim, BreakGlassSpec breakGlass, string what)
    {
        var allowed = string.Join(", ", (breakGlass.Approvers.Users ?? []).Concat((breakGlass.Approvers.Groups ?? []).Select(g => "group " + g)));
        var groups = claim.Groups.Count == 0
            ? "and claims no approver group (append |<group> for an approver group you belong to)"
            : $"and none of the groups it claims ({string.Join(", ", claim.Groups)}) is an approver group";
        return $"{claim.User} is not one of the role's breakGlass.approvers ({allowed}) {groups}, so it cannot {what} this grant";
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
