using System.CommandLine;
using System.Text;
using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Cli.Grants;

/// <summary>
/// <c>request &lt;role&gt;</c>: creates a BreakGlassGrant for the caller (spec.requestedBy is the name the API server
/// gives the caller, which the admission policy requires) and prints the command to send to approvers. Checks what
/// it can before creating, so a typo is a message now rather than a Denied grant later (docs/grants.md).
/// </summary>
public static class RequestVerb
{
    public static Command Create(ConnectionOptions connection, GrantCliEnvironment environment)
    {
        var role = new Argument<string>("role") { Description = "The break-glass ResponderRole to open (kubectl get rr)." };
        var accounts = new Option<string[]>("--accounts")
        {
            Description = "Account ids to open, comma-separated (default: all of the role's accounts).",
            AllowMultipleArgumentsPerToken = true,
        };
        var duration = new Option<string>("--duration") { Description = "How long access stays open once active, e.g. 30m, 2h (at most the role's maxGrantDuration).", Required = true };
        var principal = new Option<string>("--principal") { Description = "The IAM role or user ARN that will assume the role (yours).", Required = true };
        var incident = new Option<string>("--incident") { Description = "The incident id, e.g. INC-4711.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the access is needed (recorded in events and the audit log).", Required = true };
        var name = new Option<string?>("--name") { Description = "The grant's name (default: <you>-<incident>-<random>)." };
        var command = new Command("request", "Request time-limited access to a break-glass ResponderRole; prints the command to send to approvers.")
        {
            role, accounts, duration, principal, incident, reason, name,
        };
        command.SetAction((parse, ct) => GrantVerb.RunAsync(parse, connection, environment, ct, async (session, output, error) =>
        {
            var caller = await session.WhoAmIAsync(ct).ConfigureAwait(false);
            var roleName = parse.GetRequiredValue(role);
            var wanted = Accounts(parse.GetValue(accounts));
            var requested = parse.GetRequiredValue(duration);
            var target = await RoleAsync(session, roleName, error, ct).ConfigureAwait(false);
            if (target is not null)
            {
                Check(target, requested, wanted);
            }

            var grant = new BreakGlassGrant
            {
                Metadata = new V1ObjectMeta { NamespaceProperty = session.Namespace },
                Spec = new BreakGlassGrantSpec
                {
                    Role = roleName,
                    PrincipalArn = parse.GetRequiredValue(principal),
                    RequestedBy = caller.Username,
                    Accounts = wanted.Count > 0 ? [.. wanted] : null,
                    Duration = requested,
                    Incident = parse.GetRequiredValue(incident),
                    Reason = parse.GetRequiredValue(reason),
                },
            };
            if (parse.GetValue(name) is { Length: > 0 } explicitName)
            {
                grant.Metadata.Name = explicitName;
            }
            else
            {
                grant.Metadata.GenerateName = GenerateName(caller.Username, grant.Spec.Incident);
            }
            var created = await session.CreateGrantAsync(grant, ct).ConfigureAwait(false);
            var where = created.Spec.Accounts is { Count: > 0 } a ? string.Join(", ", a) : "all of its accounts";
            await output.WriteLineAsync(
                $"Requested {created.Metadata.NamespaceProperty}/{created.Metadata.Name}: ResponderRole {roleName} for {requested} in {where}, " +
                $"incident {created.Spec.Incident}, as {caller.Username}.").ConfigureAwait(false);
            var approvers = target is null ? $"of ResponderRole {roleName}" : $"({Approvers(target.Spec.BreakGlass!)})";
            await output.WriteLineAsync($"Send this to an approver {approvers}:").ConfigureAwait(false);
            await output.WriteLineAsync($"  {ApproveCommand(environment, created)}").ConfigureAwait(false);
            await output.WriteLineAsync($"Then follow it: {environment.CommandName} wait -n {created.Metadata.NamespaceProperty} {created.Metadata.Name}").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>The one-line approval command for the grant, as printed for approvers.</summary>
    public static string ApproveCommand(GrantCliEnvironment environment, BreakGlassGrant grant)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(grant);
        return $"{environment.CommandName} approve -n {grant.Metadata.NamespaceProperty} {grant.Metadata.Name}";
    }

    /// <summary>A DNS-1123 prefix for generateName: the user's short name and the incident, lower-cased (the server appends 5 characters).</summary>
    public static string GenerateName(string username, string incident)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(incident);
        var text = new StringBuilder();
        foreach (var c in $"{username[(username.LastIndexOf(':') + 1)..]}-{incident}".ToLowerInvariant())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        var collapsed = string.Join('-', text.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length > 40)
        {
            collapsed = collapsed[..40].TrimEnd('-');
        }
        return (collapsed.Length == 0 ? "grant" : collapsed) + "-";
    }

    private static List<string> Accounts(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    /// <summary>The role to check the request against; null when the caller may not read it (the operator checks anyway).</summary>
    private static async Task<ResponderRole?> RoleAsync(GrantSession session, string roleName, TextWriter error, CancellationToken ct)
    {
        ResponderRole? role;
        try
        {
            role = await session.GetRoleAsync(roleName, ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            await error.WriteLineAsync($"warning: you may not read ResponderRole {roleName}, so the request was not checked against it; the operator checks it").ConfigureAwait(false);
            return null;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw GrantApiErrors.Translate(e, $"read ResponderRole {roleName}", session);
        }
        if (role is null)
        {
            var known = await session.BreakGlassRoleNamesAsync(ct).ConfigureAwait(false);
            throw new GrantCliException($"there is no ResponderRole \"{roleName}\"; " +
                                        (known.Count > 0 ? $"break-glass roles you can request: {string.Join(", ", known)}" : "list the roles with `kubectl get rr`"));
        }
        if (role.Spec.BreakGlass is null)
        {
            throw new GrantCliException($"ResponderRole {roleName} has no breakGlass section, so it cannot be requested with a grant; " +
                                        "its trust is standing (spec.trust). Ask the platform team which role to request");
        }
        return role;
    }

    private static void Check(ResponderRole role, string duration, IReadOnlyList<string> accounts)
    {
        var breakGlass = role.Spec.BreakGlass!;
        if (!GoDuration.TryParse(duration, out var requested) || requested < TimeSpan.FromMinutes(1) || requested > TimeSpan.FromHours(12))
        {
            throw new GrantCliException($"--duration {duration}: give a duration from 1m to 12h such as 30m, 2h or 1h30m");
        }
        if (GoDuration.TryParse(breakGlass.MaxGrantDuration, out var max) && requested > max)
        {
            throw new GrantCliException($"--duration {duration} is longer than ResponderRole {role.Metadata.Name} allows (breakGlass.maxGrantDuration {breakGlass.MaxGrantDuration}); ask for {breakGlass.MaxGrantDuration} or less");
        }
        var known = role.Status?.Accounts?.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        if (known is { Count: > 0 } && accounts.FirstOrDefault(a => !known.Contains(a)) is { } outside)
        {
            throw new GrantCliException($"--accounts: {outside} is not among the accounts of ResponderRole {role.Metadata.Name} ({string.Join(", ", known.Order(StringComparer.Ordinal))})");
        }
    }

    private static string Approvers(BreakGlassSpec breakGlass)
    {
        var parts = new List<string>();
        parts.AddRange(breakGlass.Approvers.Users ?? []);
        parts.AddRange((breakGlass.Approvers.Groups ?? []).Select(g => "group " + g));
        var needed = breakGlass.MinApprovals > 1 ? $"; {breakGlass.MinApprovals} approvals needed" : "";
        return string.Join(", ", parts) + needed;
    }
}
