using System.Globalization;
using System.Text;
using IrOperator.Controllers.Grants;
using IrOperator.Resources;

namespace IrOperator.Cli.Grants;

/// <summary>The human-readable output of <c>list</c>, <c>show</c> and <c>wait</c> (docs/cli.md); pure, on a given time.</summary>
public static class GrantText
{
    /// <summary>RFC 3339 in UTC to the second, as kubectl shows timestamps.</summary>
    public static string Time(DateTime time) => GrantView.Utc(time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A span rounded down to whole seconds in Go's notation: 2h13m, 45s.</summary>
    public static string Span(TimeSpan span) => GoDuration.Format(TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds)));

    /// <summary>kubectl's AGE column: the largest unit or two (5d, 3h12m, 42s).</summary>
    public static string Age(DateTime? created, DateTimeOffset now)
    {
        if (created is not { } c)
        {
            return "";
        }
        var age = now - GrantView.Utc(c);
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }
        return age.TotalDays >= 2 ? $"{(int)age.TotalDays}d"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h{age.Minutes}m"
            : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m{age.Seconds}s"
            : $"{(int)age.TotalSeconds}s";
    }

    /// <summary>Approvals counted, e.g. "1/2 (bob)"; the minimum comes from the role, which a list does not read, so only the count and names.</summary>
    public static string Approvals(BreakGlassGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var approvals = grant.Status?.Approvals ?? [];
        return approvals.Count == 0 ? "0" : $"{approvals.Count} ({string.Join(", ", approvals.Select(a => a.By))})";
    }

    /// <summary>When access ends, with the time left while it is open: "2026-...Z (28m12s left)".</summary>
    public static string Expires(BreakGlassGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Status?.ExpiresAt is not { } expires)
        {
            return "";
        }
        return GrantView.Remaining(grant, now) is { } left ? $"{Time(expires)} ({Span(left)} left)" : Time(expires);
    }

    public static string Table(IReadOnlyList<BreakGlassGrant> grants, DateTimeOffset now, bool withNamespace)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var header = new List<string> { "NAME", "ROLE", "REQUESTED BY", "PHASE", "APPROVALS", "EXPIRES", "INCIDENT", "AGE" };
        if (withNamespace)
        {
            header.Insert(0, "NAMESPACE");
        }
        var rows = new List<IReadOnlyList<string>> { header };
        foreach (var g in grants.OrderBy(g => g.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(g => g.Metadata.Name, StringComparer.Ordinal))
        {
            var row = new List<string>
            {
                g.Metadata.Name, g.Spec.Role, g.Spec.RequestedBy, GrantView.Phase(g), Approvals(g), Expires(g, now), g.Spec.Incident,
                Age(g.Metadata.CreationTimestamp, now),
            };
            if (withNamespace)
            {
                row.Insert(0, g.Metadata.NamespaceProperty);
            }
            rows.Add(row);
        }
        return Columns(rows);
    }

    /// <summary><c>show</c>: what was asked, where it stands, and the commands to use the access.</summary>
    public static string Details(BreakGlassGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var spec = grant.Spec;
        var status = grant.Status;
        var text = new StringBuilder();
        var fields = new List<IReadOnlyList<string>>
        {
            new[] { "Grant:", $"{grant.Metadata.NamespaceProperty}/{grant.Metadata.Name}" },
            new[] { "Role:", spec.Role },
            new[] { "Requested by:", status?.SourceIdentity is { } si && si != spec.RequestedBy ? $"{spec.RequestedBy} (source identity {si})" : spec.RequestedBy },
            new[] { "Principal:", spec.PrincipalArn },
            new[] { "Accounts:", spec.Accounts is { Count: > 0 } a ? string.Join(", ", a) : "all of the role's accounts" },
            new[] { "Duration:", spec.Duration },
            new[] { "Incident:", spec.Incident },
            new[] { "Reason:", spec.Reason },
            new[] { "Phase:", GrantView.Phase(grant) },
        };
        if (status?.ActivatedAt is { } activated)
        {
            fields.Add(["Activated at:", Time(activated)]);
        }
        if (status?.ExpiresAt is not null)
        {
            fields.Add(["Expires at:", Expires(grant, now)]);
        }
        if (status?.EndedAt is { } ended)
        {
            fields.Add(["Ended at:", Time(ended)]);
        }
        if (grant.Metadata.Annotations?.TryGetValue(IrOperatorApi.RevokeAnnotation, out var revoke) == true)
        {
            fields.Add(["Revoke requested:", revoke]);
        }
        var approvals = status?.Approvals ?? [];
        fields.Add(["Approvals:", approvals.Count == 0 ? "none yet" : string.Join("; ", approvals.Select(Approval))]);
        text.Append(Columns(fields));

        if (status?.Conditions is { Count: > 0 } conditions)
        {
            text.AppendLine("Conditions:");
            text.Append(Columns([.. conditions.Select(c => (IReadOnlyList<string>)["  " + c.Type, c.Status, c.Reason ?? "", c.Message ?? ""])]));
        }
        if (status?.Accounts is { Count: > 0 } accounts)
        {
            text.AppendLine("Access per account:");
            foreach (var account in accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {account.AccountId}  {account.State}  {account.RoleArn}");
                text.AppendLine(string.IsNullOrEmpty(account.Message) ? "" : $"  ({account.Message})");
                if (!string.IsNullOrEmpty(account.AssumeRoleCommand) && !GrantView.IsEnded(grant))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    {account.AssumeRoleCommand}");
                }
            }
        }
        return text.ToString();
    }

    /// <summary>One line of <c>wait</c>'s progress: phase, the reason it is not further, and each account's state.</summary>
    public static string Progress(BreakGlassGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var line = new StringBuilder(GrantView.Phase(grant));
        var why = grant.Status?.Phase switch
        {
            // Approved enough but still Pending: what holds it is on the Active condition (e.g. ApprovalPolicyMissing).
            null or GrantPhase.Pending when IsTrue(grant, GrantConditions.Approved) => GrantView.ConditionText(grant, GrantConditions.Active) ?? GrantView.ConditionText(grant, GrantConditions.Approved),
            null or GrantPhase.Pending => GrantView.ConditionText(grant, GrantConditions.Approved),
            GrantPhase.Approved or GrantPhase.Active => GrantView.ConditionText(grant, GrantConditions.Active),
            _ => GrantView.ConditionText(grant, GrantConditions.Active) ?? GrantView.ConditionText(grant, GrantConditions.Approved),
        };
        if (why is not null)
        {
            line.Append(" - ").Append(why);
        }
        else if (grant.Status is null)
        {
            line.Append(" - the operator has not seen the grant yet");
        }
        if (grant.Status?.Accounts is { Count: > 0 } accounts)
        {
            line.Append(" [").AppendJoin(", ", accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal).Select(a => $"{a.AccountId} {a.State}")).Append(']');
        }
        return line.ToString();
    }

    private static string Approval(Approval approval)
    {
        var through = approval.Groups is { Count: > 0 } groups ? $" via {string.Join(", ", groups)}" : "";
        var at = approval.At is { } time ? $" at {Time(time)}" : "";
        return approval.By + through + at;
    }

    /// <summary>Left-aligned columns separated by three spaces, as kubectl prints tables.</summary>
    private static string Columns(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = new int[rows.Max(r => r.Count)];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Count; i++)
            {
                line.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i] + 3));
            }
            text.AppendLine(line.ToString().TrimEnd());
        }
        return text.ToString();
    }

    private static bool IsTrue(BreakGlassGrant grant, string type) =>
        grant.Status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true;
}
