using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Planning;

/// <summary>Describes how a document changes, statement by statement (by Sid), for events and the audit log.</summary>
public static class DocumentDiff
{
    /// <summary>E.g. <c>+statement IrGrantab12cd34ef, -statement IrDormant</c>; "added" when there was none.</summary>
    public static string Describe(PolicyDocument? before, PolicyDocument after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return "added";
        }

        var parts = new List<string>();
        foreach (var statement in after.Statements.Where(s => !string.IsNullOrEmpty(s.Sid)))
        {
            var old = before.FindStatement(statement.Sid!);
            if (old is null)
            {
                parts.Add("+statement " + statement.Sid);
            }
            else if (!old.SemanticallyEquals(statement))
            {
                parts.Add("~statement " + statement.Sid);
            }
        }

        parts.AddRange(before.Statements
            .Where(s => !string.IsNullOrEmpty(s.Sid) && after.FindStatement(s.Sid!) is null)
            .Select(s => "-statement " + s.Sid));

        var addedUnnamed = after.Statements.Count(s => string.IsNullOrEmpty(s.Sid) && !before.Statements.Contains(s));
        var removedUnnamed = before.Statements.Count(s => string.IsNullOrEmpty(s.Sid) && !after.Statements.Contains(s));
        if (addedUnnamed > 0)
        {
            parts.Add($"+{addedUnnamed} statement(s) without Sid");
        }

        if (removedUnnamed > 0)
        {
            parts.Add($"-{removedUnnamed} statement(s) without Sid");
        }

        if (before.Version != after.Version)
        {
            parts.Add($"Version {before.Version} -> {after.Version}");
        }

        return parts.Count > 0 ? string.Join(", ", parts) : "changed";
    }

    /// <summary>Whether writing <paramref name="after"/> over <paramref name="before"/> removes or changes any statement (null before: unreadable, so yes).</summary>
    public static bool RemovesOrChanges(PolicyDocument? before, PolicyDocument after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return before is null || before.Statements.Any(statement => !after.Statements.Contains(statement)) || before.Version != after.Version;
    }

    /// <summary>
    /// Whether writing <paramref name="after"/> over <paramref name="before"/> takes any access away:
    /// an Allow statement removed or changed, or a Deny statement added or changed (null before:
    /// unreadable, so assume it does). The planner writes such a trust policy first, and one that only
    /// opens access last (docs/iam-model.md, "Plan order").
    /// </summary>
    public static bool Narrows(PolicyDocument? before, PolicyDocument after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return before is null
            || before.Version != after.Version
            || before.Statements.Any(statement => statement.Effect == PolicyEffect.Allow && !after.Statements.Contains(statement))
            || after.Statements.Any(statement => statement.Effect == PolicyEffect.Deny && !before.Statements.Contains(statement));
    }
}
