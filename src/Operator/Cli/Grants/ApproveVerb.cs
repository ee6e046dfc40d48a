using System.CommandLine;
using System.Net;
using IrOperator.Resources;
using k8s.Autorest;

namespace IrOperator.Cli.Grants;

/// <summary>
/// <c>approve &lt;grant&gt;</c> and <c>deny &lt;grant&gt; --reason</c>: add the caller's approval or denial annotation
/// in the form the admission policy checks (docs/approvals.md), after checking what the operator would check
/// (the role's approvers, not the requester, not ended), so a refusal comes with what to do.
/// </summary>
public static class ApproveVerb
{
    /// <summary>Informational: the reason a denier gave. Neither the operator nor the admission policy reads it (docs/cli.md).</summary>
    public const string DenialReasonAnnotationPrefix = "denial-reason." + IrOperatorApi.Group + "/";

    public static Command Create(ConnectionOptions connection, GrantCliEnvironment environment, bool denial)
    {
        var grantName = GrantArgument.Create(connection, environment);
        var reason = new Option<string>("--reason") { Description = "Why you deny it (kept on the grant as an annotation).", Required = true };
        var command = denial
            ? new Command("deny", "Deny a pending grant as an approver of its role (it becomes Denied).") { grantName, reason }
            : new Command("approve", "Approve a grant as an approver of its role, as yourself (name and groups as the API server sees them).") { grantName };
        command.SetAction((parse, ct) => GrantVerb.RunAsync(parse, connection, environment, ct, async (session, output, error) =>
        {
            var name = parse.GetRequiredValue(grantName);
            var caller = await session.WhoAmIAsync(ct).ConfigureAwait(false);
            var grant = await session.GetGrantAsync(name, ct).ConfigureAwait(false);
            BreakGlassSpec? breakGlass = null;
            if (!GrantView.IsEnded(grant) && grant.Spec.RequestedBy != caller.Username)
            {
                breakGlass = await BreakGlassAsync(session, grant, error, ct).ConfigureAwait(false);
            }
            var plan = ApprovalAnnotation.Plan(grant, breakGlass, caller, denial, environment.CommandName);
            var what = $"{session.Namespace}/{name}";
            if (plan.AlreadyOpen)
            {
                await output.WriteLineAsync($"{what} is already {GrantView.Phase(grant)} (expires {GrantText.Expires(grant, environment.Time.GetUtcNow())}); no approval is needed.").ConfigureAwait(false);
                return 0;
            }
            if (plan.AlreadyGiven)
            {
                await output.WriteLineAsync($"You already {(denial ? "denied" : "approved")} {what} ({plan.Value}); it is {GrantText.Progress(grant)}.").ConfigureAwait(false);
                return 0;
            }
            var annotations = new Dictionary<string, string> { [plan.Key] = plan.Value };
            if (denial)
            {
                annotations[DenialReasonAnnotationPrefix + plan.Key[IrOperatorApi.DenialAnnotationPrefix.Length..]] = parse.GetRequiredValue(reason);
            }
            await session.AnnotateAsync(name, annotations, $"{(denial ? "deny" : "approve")} {what} as {caller.Username}", ct).ConfigureAwait(false);
            await output.WriteLineAsync($"{(denial ? "Denied" : "Approved")} {what} as {caller.Username}, {plan.Through} ({plan.Key}={plan.Value}).").ConfigureAwait(false);
            if (!denial)
            {
                var needed = breakGlass?.MinApprovals is > 1 ? $" It needs {breakGlass.MinApprovals} approvals from different approvers." : "";
                await output.WriteLineAsync($"The operator opens access once the approvals count.{needed} Follow it: {environment.CommandName} wait -n {session.Namespace} {name}").ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }

    private static async Task<BreakGlassSpec?> BreakGlassAsync(GrantSession session, BreakGlassGrant grant, TextWriter error, CancellationToken ct)
    {
        ResponderRole? role;
        try
        {
            role = await session.GetRoleAsync(grant.Spec.Role, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            // Approving does not need the role: the operator checks the approvers itself. Say that we could not.
            await error.WriteLineAsync($"warning: you may not read ResponderRole {grant.Spec.Role}, so its approvers were not checked; writing your approval as your user name").ConfigureAwait(false);
            return null;
        }
        if (role is null)
        {
            throw new GrantCliException($"grant {session.Namespace}/{grant.Metadata.Name} names ResponderRole {grant.Spec.Role}, which does not exist; the operator denies it (RoleNotFound). Nothing to approve");
        }
        return role.Spec.BreakGlass ?? throw new GrantCliException(
            $"ResponderRole {grant.Spec.Role} has no breakGlass section, so grant {session.Namespace}/{grant.Metadata.Name} cannot be approved; the operator denies it (RoleNotBreakGlass)");
    }
}
