using System.Globalization;
using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Desired;

/// <summary>
/// Builds a role's trust policy, always whole, from Kubernetes state: the standing statement (or the
/// dormant one for a break-glass role) and one statement per active grant. Principals are always
/// account roots narrowed by <c>aws:PrincipalArn</c>: IAM stores a role principal as its unique id,
/// so a re-created role (Identity Center re-creates its roles) would silently break trust, and a
/// just-created principal is refused while IAM propagates. See docs/iam-model.md.
/// </summary>
public static class TrustPolicies
{
    public const string StandingSid = "IrStanding";
    public const string DormantSid = "IrDormant";

    private static readonly string[] AssumeActions = ["sts:AssumeRole", "sts:SetSourceIdentity"];

    /// <summary>
    /// The trust policy: the standing statement when <paramref name="standing"/> is given, the grant
    /// statements, and, when neither yields a statement, the dormant statement (IAM requires at least one).
    /// </summary>
    public static PolicyDocument Build(StandingTrust? standing, IEnumerable<GrantTrust> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var statements = new List<PolicyStatement>();
        if (standing is { Principals.Count: > 0 })
        {
            statements.Add(Standing(standing));
        }

        statements.AddRange(grants.OrderBy(grant => grant.Sid, StringComparer.Ordinal).Select(Grant));
        if (statements.Count == 0)
        {
            statements.Add(Dormant);
        }

        return new PolicyDocument(statements);
    }

    /// <summary>
    /// The statement of a role nobody may assume: an explicit Deny of sts:AssumeRole to every AWS
    /// principal. It is only present while no other statement is (an explicit deny would override a
    /// grant's Allow), so it reads as what it is and cannot open anything if a condition were
    /// mistyped, unlike an Allow with an impossible condition.
    /// </summary>
    public static PolicyStatement Dormant { get; } = new()
    {
        Sid = DormantSid,
        Effect = PolicyEffect.Deny,
        Principal = PolicyPrincipal.AwsPrincipals("*"),
        Action = ["sts:AssumeRole"],
    };

    public static PolicyStatement Standing(StandingTrust standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var roots = standing.Principals
            .Select(arn => $"arn:{GrantTrust.ArnPart(arn, 1)}:iam::{GrantTrust.ArnPart(arn, 4)}:root")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var conditions = new List<PolicyCondition>
        {
            // One statement for all principals: each ARN names its own account, so Principal (OR) and
            // ArnLike (OR) together allow exactly the listed principals.
            new("ArnLike", "aws:PrincipalArn", standing.Principals.Distinct(StringComparer.Ordinal).ToList()),
        };
        if (standing.RequireMfa)
        {
            conditions.Add(new("Bool", "aws:MultiFactorAuthPresent", "true"));
        }

        if (standing.RequireSourceIdentity)
        {
            // Null false = the key is present: AssumeRole must set a source identity, which CloudTrail then records.
            conditions.Add(new("Null", "sts:SourceIdentity", "false"));
        }

        return new PolicyStatement
        {
            Sid = StandingSid,
            Effect = PolicyEffect.Allow,
            Principal = PolicyPrincipal.AwsPrincipals(roots),
            Action = AssumeActions,
            Condition = conditions,
        };
    }

    /// <summary>
    /// A grant's statement, as docs/iam-model.md shows: allowed only within [activatedAt, expiresAt), only with the
    /// requester's source identity. aws:CurrentTime has whole seconds, so the start is inclusive
    /// (DateGreaterThanEquals: AssumeRole works in the very second the grant shows as activated) and the end
    /// exclusive (DateLessThan: refused from the second of expiresAt on). See docs/grants.md, "Whole seconds".
    /// </summary>
    public static PolicyStatement Grant(GrantTrust grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new PolicyStatement
        {
            Sid = grant.Sid,
            Effect = PolicyEffect.Allow,
            Principal = PolicyPrincipal.AwsPrincipals($"arn:{grant.Partition}:iam::{grant.PrincipalAccount}:root"),
            Action = AssumeActions,
            Condition =
            [
                new("ArnLike", "aws:PrincipalArn", grant.PrincipalArn),
                new("StringEquals", "sts:SourceIdentity", grant.SourceIdentity),
                new("DateGreaterThanEquals", "aws:CurrentTime", FormatTime(grant.ActivatedAt)),
                new("DateLessThan", "aws:CurrentTime", FormatTime(grant.ExpiresAt)),
            ],
        };
    }

    /// <summary>UTC, whole seconds, ISO 8601 with Z (e.g. 2026-11-29T10:00:00Z), as IAM's date operators read it.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
