using System.Text;

namespace IrOperator.Iam.Planning;

/// <summary>
/// The ordered IAM writes that bring one role in one account to its desired state (empty when in
/// sync), with the outcome and, for NotOwned, the reason. <see cref="Propagating"/> lists what was
/// left alone because the read still showed the operator's previous write.
/// </summary>
public sealed record RolePlan(string RoleName, PlanOutcome Outcome, IReadOnlyList<PlanStep> Steps)
{
    public string? Message { get; init; }

    public IReadOnlyList<string> Propagating { get; init; } = [];

    public bool IsEmpty => Steps.Count == 0;

    /// <summary>One line per change, for events and the audit log.</summary>
    public IReadOnlyList<string> Changes => [.. Steps.Select(step => step.Change)];

    /// <summary>The readable plan the <c>plan</c> CLI prints.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append(RoleName).Append(": ").Append(Outcome);
        if (Message is not null)
        {
            text.Append(" (").Append(Message).Append(')');
        }

        text.AppendLine();
        for (var i = 0; i < Steps.Count; i++)
        {
            text.Append("  ").Append(i + 1).Append(". ").AppendLine(Steps[i].Render());
        }

        foreach (var item in Propagating)
        {
            text.Append("  (propagating) ").AppendLine(item);
        }

        return text.ToString();
    }

    public override string ToString() => Render();
}
