using System.Text.RegularExpressions;
using System.Xml.Linq;
using IrOperator.Sandbox.Aws.Authorization;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Policy;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Sts;

/// <summary>
/// STS over the query protocol: GetCallerIdentity (never denied, as in AWS) and AssumeRole, which
/// needs both the target role's trust policy and the caller's own identity policies to allow it
/// (the latter waived for a root caller), and issues session credentials that expire on the
/// emulator's clock and carry the source identity and the issue time for later authorization.
/// </summary>
public sealed partial class StsService(AwsEmulatorState state, Authorizer authorizer)
{
    public const string Version = "2011-06-15";
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>Role chaining caps a session at one hour (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining).</summary>
    public const int ChainedSessionLimit = 3600;

    public static QueryXml Xml { get; } = new(Namespace);

    public string Handle(QueryRequest request, EmulatedPrincipal caller, string requestId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        XElement result = request.Action switch
        {
            "GetCallerIdentity" => Xml.Result("GetCallerIdentity", Xml.E("Arn", caller.Arn), Xml.E("UserId", caller.UserId), Xml.E("Account", caller.AccountId)),
            "AssumeRole" => AssumeRole(request, caller),
            _ => throw AwsErrors.InvalidAction(AwsProtocol.Query, request.Action, Version),
        };
        return Xml.Response(request.Action, result, requestId);
    }

    private XElement AssumeRole(QueryRequest request, EmulatedPrincipal caller)
    {
        var roleArn = request.Required("RoleArn");
        if (roleArn.Length is < 20 or > 2048)
        {
            throw AwsErrors.LengthOutOfRange("roleArn", roleArn, 20, 2048);
        }

        var sessionName = Checked("roleSessionName", request.Required("RoleSessionName"));
        var requestedIdentity = request.Optional("SourceIdentity") is { } text ? Checked("sourceIdentity", text) : null;
        if (requestedIdentity is not null && requestedIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw AwsErrors.Validation("1 validation error detected: Value at 'sourceIdentity' failed to satisfy constraint: Member must not start with 'aws:'");
        }

        var duration = request.OptionalInt("DurationSeconds") ?? 3600;
        if (duration is < 900 or > 43200)
        {
            throw AwsErrors.Validation(
                $"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value {(duration < 900 ? "greater than or equal to 900" : "less than or equal to 43200")}");
        }

        // A source identity, once set, sticks to every session chained from it and cannot be changed.
        var chained = caller.Identity.Kind == CallerKind.AssumedRole;
        var sourceIdentity = caller.Identity.SourceIdentity ?? requestedIdentity;
        if (caller.Identity.SourceIdentity is { } sticky && requestedIdentity is not null && requestedIdentity != sticky)
        {
            throw Denied(caller, roleArn);
        }

        var mfa = MultiFactor(request, caller);
        var role = FindRole(roleArn) ?? throw Denied(caller, roleArn);
        var now = state.Now;
        var callerIdentity = mfa ? caller.Identity with { MultiFactorAuthPresent = true } : caller.Identity;
        var trustContext = RequestContext.Create(callerIdentity, PolicyEvaluator.AssumeRoleAction, role.Arn, now)
            .With(ContextKeys.StsRoleSessionName, sessionName);
        if (sourceIdentity is not null)
        {
            trustContext = trustContext.With(ContextKeys.StsSourceIdentity, sourceIdentity);
        }

        if (!PolicyEvaluator.EvaluateTrust(role.TrustPolicy, trustContext).IsAllowed || !IdentityAllows(caller, role, sourceIdentity))
        {
            throw Denied(caller, roleArn);
        }

        if (chained && duration > ChainedSessionLimit)
        {
            throw AwsErrors.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        if (duration > role.MaxSessionDuration)
        {
            throw AwsErrors.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var session = CallerIdentity.Session(role.Arn, sessionName, now, sourceIdentity, mfa);
        var principal = new EmulatedPrincipal(session, $"{role.RoleId}:{sessionName}", RoleName: role.Name);
        var credentials = state.Credentials.IssueSession(principal, now.AddSeconds(duration)).Credentials;
        return Xml.Result(
            "AssumeRole",
            sourceIdentity is null ? null : Xml.E("SourceIdentity", sourceIdentity),
            Xml.E("AssumedRoleUser", Xml.E("AssumedRoleId", principal.UserId), Xml.E("Arn", session.Arn)),
            Xml.E(
                "Credentials",
                Xml.E("AccessKeyId", credentials.AccessKeyId),
                Xml.E("SecretAccessKey", credentials.SecretAccessKey),
                Xml.E("SessionToken", credentials.SessionToken),
                Xml.E("Expiration", QueryXml.Timestamp(credentials.Expiration!.Value))));
    }

    /// <summary>
    /// Whether the call authenticates with MFA (SerialNumber and TokenCode). Devices are not modelled:
    /// any six-digit code for an <c>mfa/</c> ARN of the caller's own account passes, anything else is
    /// refused with STS's message.
    /// </summary>
    private static bool MultiFactor(QueryRequest request, EmulatedPrincipal caller)
    {
        var serial = request.Optional("SerialNumber");
        var code = request.Optional("TokenCode");
        if (serial is null && code is null)
        {
            return caller.Identity.MultiFactorAuthPresent == true;
        }

        var valid = serial is not null && code is not null
            && serial.StartsWith($"arn:{caller.Identity.Partition}:iam::{caller.AccountId}:mfa/", StringComparison.Ordinal)
            && code.Length == 6 && code.All(char.IsAsciiDigit);
        return valid
            ? true
            : throw new AwsServiceException("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ", System.Net.HttpStatusCode.Forbidden);
    }

    private IamRole? FindRole(string roleArn)
    {
        var match = RoleArnRegex().Match(roleArn);
        if (!match.Success)
        {
            throw AwsErrors.Validation($"{roleArn} is invalid");
        }

        var role = state.VisibleRole(match.Groups["account"].Value, match.Groups["name"].Value);
        return role is not null && string.Equals(role.Arn, roleArn, StringComparison.OrdinalIgnoreCase) ? role : null;
    }

    // The caller's own policies must allow sts:AssumeRole on the role (and sts:SetSourceIdentity
    // when one is set). The root user needs no identity policy.
    private bool IdentityAllows(EmulatedPrincipal caller, IamRole role, string? sourceIdentity) =>
        authorizer.Decide(caller, PolicyEvaluator.AssumeRoleAction, role.Arn).IsAllowed
        && (sourceIdentity is null || caller.Identity.SourceIdentity is not null
            || authorizer.Decide(caller, PolicyEvaluator.SetSourceIdentityAction, role.Arn).IsAllowed);

    private static AwsServiceException Denied(EmulatedPrincipal caller, string roleArn) =>
        AwsErrors.AccessDenied(AwsProtocol.Query, caller.Arn, PolicyEvaluator.AssumeRoleAction, roleArn, explicitDeny: null);

    private static string Checked(string field, string value)
    {
        if (value.Length is < 2 or > 64)
        {
            throw AwsErrors.LengthOutOfRange(field, value, 2, 64);
        }

        return SessionTextRegex().IsMatch(value) ? value : throw AwsErrors.PatternMismatch(field, value, @"[\w+=,.@-]*");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]*$")]
    private static partial Regex SessionTextRegex();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::(?<account>\d{12}):role/(.*/)?(?<name>[A-Za-z0-9_+=,.@-]{1,64})$")]
    private static partial Regex RoleArnRegex();
}
