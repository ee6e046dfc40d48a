using System.Security.Cryptography;
using System.Text;
using IrOperator.Controllers.Grants;
using IrOperator.Resources;

namespace IrOperator.Cli.Grants;

/// <summary>
/// Decides the approval or denial annotation a caller writes, in exactly the form the admission policy checks
/// (docs/approvals.md): the value is the caller's own user name, followed by <c>|group</c> for the role's approver
/// groups the caller is in when the name alone is not an approver; the key is any valid name, the caller's short
/// name by convention. It refuses, with what to do, what the operator would ignore or the policy refuse.
/// </summary>
public static class ApprovalAnnotation
{
    private const int MaxNameLength = 63;

    /// <param name="breakGlass">The role's break-glass rules; null when the caller may not read the role (then the name alone is written).</param>
    /// <param name="commandName">How the user invokes the verbs, for the commands the messages suggest.</param>
    public static ApprovalPlan Plan(BreakGlassGrant grant, BreakGlassSpec? breakGlass, Caller caller, bool denial, string commandName)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(caller);
        var verb = denial ? "deny" : "approve";
        var name = $"{grant.Metadata.NamespaceProperty}/{grant.Metadata.Name}";
        var ns = grant.Metadata.NamespaceProperty;
        if (caller.Username.Contains(ApprovalClaim.Separator, StringComparison.Ordinal))
        {
            throw new GrantCliException($"your user name \"{caller.Username}\" contains '|', which the approval format uses as its separator; no approval of yours can be admitted (docs/approvals.md)");
        }
        if (GrantView.IsEnded(grant))
        {
            throw new GrantCliException($"grant {name} has already ended: {GrantView.EndedText(grant)}; there is nothing to {verb}. " +
                                        $"Access needs a new grant: {commandName} request ...");
        }
        if (string.Equals(grant.Spec.RequestedBy, caller.Username, StringComparison.Ordinal))
        {
            throw new GrantCliException($"you ({caller.Username}) requested grant {name} and cannot {verb} it yourself; " +
                                        $"ask an approver of ResponderRole {grant.Spec.Role} to run: {commandName} {verb} -n {ns} {grant.Metadata.Name}");
        }
        var open = GrantView.IsOpen(grant);
        if (open && denial)
        {
            throw new GrantCliException($"grant {name} is already open ({GrantView.Phase(grant)}); a denial only stops a grant that has not opened. " +
                                        $"To end it now: {commandName} revoke -n {ns} {grant.Metadata.Name} --reason \"...\"");
        }

        var (value, through) = ValueFor(grant, breakGlass, caller, verb);
        var prefix = denial ? IrOperatorApi.DenialAnnotationPrefix : IrOperatorApi.ApprovalAnnotationPrefix;
        var annotations = grant.Metadata.Annotations ?? new Dictionary<string, string>();
        var already = annotations.Any(a => a.Key.StartsWith(prefix, StringComparison.Ordinal) && a.Value == value);
        return new ApprovalPlan(prefix + KeyName(caller.Username, prefix, annotations), value, through, already, open);
    }

    /// <summary>The key's name part: the user's short name as a valid annotation name, suffixed when someone else's entry has it.</summary>
    public static string KeyName(string username, string prefix, IDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(annotations);
        var shortName = username[(username.LastIndexOf(':') + 1)..];
        var cleaned = new StringBuilder(shortName.Length);
        foreach (var c in shortName)
        {
            cleaned.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }
        var key = Trim(cleaned.ToString(), MaxNameLength);
        if (key.Length == 0)
        {
            key = "approver";
        }
        // Two users can share a short name (oidc:bob and ldap:bob): never take over someone else's key, which the
        // admission policy refuses anyway ("you can only change or remove your own approval").
        if (annotations.TryGetValue(prefix + key, out var existing) && existing.Split(ApprovalClaim.Separator)[0] != username)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(username)))[..8];
            key = Trim(key, MaxNameLength - 9) + "-" + hash;
        }
        return key;
    }

    private static (string Value, string Through) ValueFor(BreakGlassGrant grant, BreakGlassSpec? breakGlass, Caller caller, string verb)
    {
        if (breakGlass is null)
        {
            return (caller.Username, "as yourself (the role's approvers could not be read)");
        }
        var users = breakGlass.Approvers.Users ?? [];
        if (users.Contains(caller.Username, StringComparer.Ordinal))
        {
            return (caller.Username, "as a named approver");
        }
        var groups = (breakGlass.Approvers.Groups ?? []).Where(g => caller.Groups.Contains(g, StringComparer.Ordinal)).ToList();
        if (groups.Count > 0)
        {
            return (caller.Username + ApprovalClaim.Separator + string.Join(ApprovalClaim.Separator, groups),
                "through group " + string.Join(", ", groups));
        }
        var approvers = string.Join("; ", new[]
        {
            users.Count > 0 ? "users " + string.Join(", ", users) : null,
            breakGlass.Approvers.Groups is { Count: > 0 } g ? "groups " + string.Join(", ", g) : null,
        }.Where(p => p is not null));
        throw new GrantCliException($"you, {caller}, are not an approver of ResponderRole {grant.Spec.Role}, so you cannot {verb} " +
                                    $"{grant.Metadata.NamespaceProperty}/{grant.Metadata.Name}: its breakGlass.approvers are {approvers}. Ask one of them");
    }

    private static string Trim(string name, int max)
    {
        var cut = name.Length > max ? name[..max] : name;
        return cut.Trim('-', '_', '.');
    }
}
