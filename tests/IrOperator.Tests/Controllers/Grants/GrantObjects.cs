using IrOperator.Controllers.Grants;
using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>Builders of break-glass roles, grants and lifecycle inputs for the grant tests.</summary>
internal static class GrantObjects
{
    public const string Principal = "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*";
    public const string Prod = "333333333333";
    public const string Dev = "444444444444";
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    public static readonly IReadOnlySet<string> RoleAccounts = new HashSet<string> { Prod, Dev };
    public static readonly IReadOnlySet<string> Organization = new HashSet<string> { "222222222222", Prod, Dev };

    public static ResponderRole Role(Action<BreakGlassSpec>? configure = null, string name = "forensics")
    {
        var breakGlass = new BreakGlassSpec
        {
            Approvers = new Approvers { Users = ["bob", "carol"], Groups = ["incident-commanders"] },
            MinApprovals = 1,
            MaxGrantDuration = "4h",
        };
        configure?.Invoke(breakGlass);
        return new ResponderRole
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new ResponderRoleSpec
            {
                RoleName = "ir-" + name,
                Accounts = new AccountSelector { Ids = [Prod, Dev] },
                BreakGlass = breakGlass,
            },
        };
    }

    public static BreakGlassGrant Grant(Action<BreakGlassGrantSpec>? configure = null, string name = "alice-inc-4711", string uid = "uid-1")
    {
        var grant = new BreakGlassGrant
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "incident-response", Uid = uid, Annotations = new Dictionary<string, string>() },
            Spec = new BreakGlassGrantSpec
            {
                Role = "forensics",
                PrincipalArn = Principal,
                RequestedBy = "alice",
                Accounts = [Prod],
                Duration = "2h",
                Incident = "INC-4711",
                Reason = "Ransomware indicators",
            },
        };
        configure?.Invoke(grant.Spec);
        return grant;
    }

    public static BreakGlassGrant Approve(this BreakGlassGrant grant, string key, string value)
    {
        grant.Metadata.Annotations![IrOperatorApi.ApprovalAnnotationPrefix + key] = value;
        return grant;
    }

    public static BreakGlassGrant Deny(this BreakGlassGrant grant, string key, string value)
    {
        grant.Metadata.Annotations![IrOperatorApi.DenialAnnotationPrefix + key] = value;
        return grant;
    }

    public static BreakGlassGrant Revoke(this BreakGlassGrant grant, string reason = "contained")
    {
        grant.Metadata.Annotations![IrOperatorApi.RevokeAnnotation] = reason;
        return grant;
    }

    /// <summary>Gives the grant an activated window in status, as the grant controller writes it.</summary>
    public static BreakGlassGrant Activated(this BreakGlassGrant grant, DateTimeOffset at, TimeSpan duration, GrantPhase phase = GrantPhase.Active,
        string sourceIdentity = "alice", params string[] accounts)
    {
        grant.Status ??= new BreakGlassGrantStatus();
        grant.Status.Phase = phase;
        grant.Status.SourceIdentity = sourceIdentity;
        grant.Status.ActivatedAt = at.UtcDateTime;
        grant.Status.ExpiresAt = (at + duration).UtcDateTime;
        grant.Status.Accounts = [.. (accounts.Length > 0 ? accounts : grant.Spec.Accounts ?? [Prod]).Select(a => new GrantAccountStatus { AccountId = a })];
        return grant;
    }

    public static BreakGlassGrant Ended(this BreakGlassGrant grant, GrantPhase phase, DateTimeOffset at)
    {
        grant.Status ??= new BreakGlassGrantStatus();
        grant.Status.Phase = phase;
        grant.Status.EndedAt = at.UtcDateTime;
        return grant;
    }

    public static GrantFacts Facts(BreakGlassGrant grant, DateTimeOffset now, ResponderRole? role = null,
        IReadOnlyDictionary<string, AccountObservation>? accounts = null, TimeSpan? retention = null)
    {
        role ??= Role();
        var validation = GrantValidator.Validate(grant, role, RoleAccounts, Organization, SourceIdentityRule.Default);
        var tally = role.Spec.BreakGlass is { } breakGlass
            ? ApprovalCounter.Count(grant.Metadata.Annotations, grant.Spec.RequestedBy, breakGlass, grant.Status?.Approvals, now)
            : null;
        return new GrantFacts(grant, validation, tally, accounts ?? new Dictionary<string, AccountObservation>(), now, retention ?? TimeSpan.FromDays(7));
    }

    public static IReadOnlyDictionary<string, AccountObservation> Seen(params AccountObservation[] observations) =>
        observations.ToDictionary(o => o.AccountId);
}
