using System.Text.Json;
using System.Text.Json.Nodes;

namespace IrOperator.Cli.Plan;

/// <summary>
/// The plan for bots (<c>--output json</c>): one JSON object whose shape is documented in docs/gitops.md,
/// "JSON output", and versioned by <c>formatVersion</c> (fields are only added within a version). Absent
/// values are <c>null</c>, never missing, so a consumer can rely on every key.
/// </summary>
public static class PlanJsonWriter
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(PlanReport report) => ToJson(report).ToJsonString(Indented) + "\n";

    public static JsonObject ToJson(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var summary = PlanSummary.Of(report);
        return new JsonObject
        {
            ["formatVersion"] = FormatVersion,
            ["mode"] = report.Mode,
            ["valid"] = report.Valid,
            ["changes"] = report.HasChanges,
            ["summary"] = new JsonObject
            {
                ["roles"] = summary.Roles,
                ["accountsToChange"] = summary.AccountsToChange,
                ["calls"] = summary.Calls,
                ["accountsInSync"] = summary.AccountsInSync,
                ["errors"] = summary.Errors,
            },
            ["errors"] = Problems(report.Errors),
            ["notes"] = Problems(report.Notes),
            ["roles"] = new JsonArray([.. report.Roles.Select(Role)]),
            ["grants"] = new JsonArray([.. report.Grants.Select(grant => (JsonNode)new JsonObject
            {
                ["file"] = grant.File,
                ["document"] = grant.Document,
                ["namespace"] = grant.Namespace,
                ["name"] = grant.Name,
                ["role"] = grant.Role,
                ["outcome"] = grant.Outcome,
                ["message"] = grant.Message,
            })]),
        };
    }

    private static JsonArray Problems(IEnumerable<PlanProblem> problems) => new([.. problems.Select(problem => (JsonNode)new JsonObject
    {
        ["file"] = problem.File,
        ["document"] = problem.Document,
        ["kind"] = problem.Kind,
        ["name"] = problem.Name,
        ["field"] = problem.Field,
        ["message"] = problem.Message,
        ["text"] = problem.ToString(),
    })]);

    private static JsonNode Role(RolePlanReport role) => new JsonObject
    {
        ["name"] = role.Name,
        ["file"] = role.File,
        ["document"] = role.Document,
        ["roleName"] = role.RoleName,
        ["path"] = role.Path,
        ["removed"] = role.Removed,
        ["changes"] = role.HasChanges,
        ["accounts"] = new JsonArray([.. role.Accounts.Select(Account)]),
        ["skipped"] = new JsonArray([.. role.Skipped.Select(skipped => (JsonNode)new JsonObject
        {
            ["accountId"] = skipped.Id,
            ["reason"] = skipped.Reason,
        })]),
    };

    private static JsonNode Account(AccountPlan account) => new JsonObject
    {
        ["accountId"] = account.AccountId,
        ["outcome"] = account.Plan?.Outcome.ToString() ?? "Error",
        ["message"] = account.Plan?.Message,
        ["error"] = account.Error,
        ["changes"] = account.HasChanges,
        ["calls"] = new JsonArray([.. (account.Plan?.Steps ?? []).Select(step =>
        {
            var documents = StepDocuments.Of(step);
            return (JsonNode)new JsonObject
            {
                ["action"] = step.Action,
                ["change"] = step.Change,
                ["document"] = documents is null ? null : new JsonObject
                {
                    ["label"] = documents.Label,
                    ["before"] = documents.Before is null ? null : JsonNode.Parse(documents.Before.ToJson()),
                    ["after"] = documents.After is null ? null : JsonNode.Parse(documents.After.ToJson()),
                    ["diff"] = documents.Diff(),
                },
            };
        })]),
    };
}
