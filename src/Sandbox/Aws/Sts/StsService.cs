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
/// refuses root callers and needs the target role's trust policy (bound to its principals' unique ids,
/// see <see cref="TrustBinding"/>) and the caller's effective permissions to allow sts:AssumeRole, plus
/// sts:SetSourceIdentity with a source identity (also one carried by a chained session) and
/// sts:TagSession with session tags. The caller's permissions are waived when the trust policy names
/// the caller itself in the same account. It issues session credentials that expire on the emulator's
/// clock and carry the source identity, issue time, session policies and session tags for later
/// authorization.
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

        var asked = SessionRequest.Read(request);

        // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: "You cannot use AWS account root user credentials to call AssumeRole."
        if (caller.Identity.Kind == CallerKind.Root)
        {
            throw new AwsServiceException("AccessDenied", "Roles may not be assumed by root accounts.", System.Net.HttpStatusCode.Forbidden);
        }

        // A source identity, once set, sticks to every session chained from it and cannot be changed.
        var chained = caller.Identity.Kind == CallerKind.AssumedRole;
        var sourceIdentity = caller.Identity.SourceIdentity ?? requestedIdentity;
        if (caller.Identity.SourceIdentity is { } sticky && requestedIdentity is not null && requestedIdentity != sticky)
        {
            throw Denied(caller, roleArn, PolicyEvaluator.AssumeRoleAction);
        }

        var mfa = MultiFactor(request, caller);
        var role = FindRole(roleArn) ?? throw Denied(caller, roleArn, PolicyEvaluator.AssumeRoleAction);
        var now = state.Now;
        var sessionPolicies = SessionPolicies(asked, role);

        // Transitive tags of a chained session pass on and cannot be replaced by the new request's tags.
        var inherited = caller.SessionTags.Where(tag => caller.TransitiveTagKeys.Contains(tag.Key, StringComparer.OrdinalIgnoreCase)).ToList();
        var sessionTags = inherited.Concat(asked.Tags.Where(tag => !inherited.Any(old => string.Equals(old.Key, tag.Key, StringComparison.OrdinalIgnoreCase)))).ToList();
        var transitive = inherited.Select(tag => tag.Key).Concat(asked.TransitiveTagKeys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var callerIdentity = state.ContextIdentityOf(caller);
        callerIdentity = mfa ? callerIdentity with { MultiFactorAuthPresent = true } : callerIdentity;
        RequestContext AddRequestKeys(RequestContext context)
        {
            context = context.With(ContextKeys.StsRoleSessionName, sessionName)
                .WithRequestTags(asked.Tags.Select(tag => KeyValuePair.Create(tag.Key, tag.Value)));
            if (asked.TransitiveTagKeys.Count > 0)
            {
                context = context.With(ContextKeys.StsTransitiveTagKeys, [.. asked.TransitiveTagKeys]);
            }

            if (asked.ExternalId is { } externalId)
            {
                context = context.With(ContextKeys.StsExternalId, externalId);
            }

            return sourceIdentity is null ? context : context.With(ContextKeys.StsSourceIdentity, sourceIdentity);
        }

        var trustContext = AddRequestKeys(RequestContext.Create(callerIdentity, PolicyEvaluator.AssumeRoleAction, role.Arn, now));
        var trust = TrustBinding.Effective(role, state.UniqueIdOf);
        var actions = new[] { PolicyEvaluator.AssumeRoleAction }.Concat(PolicyEvaluator.AlsoRequired(trustContext)).ToList();
        if (!PolicyEvaluator.EvaluateTrust(trust, trustContext).IsAllowed)
        {
            // Name the action that failed: sts:TagSession or sts:SetSourceIdentity when only that is refused.
            var plain = trustContext.Without(ContextKeys.StsSourceIdentity).Without(ContextKeys.TagKeys).Without(ContextKeys.StsTransitiveTagKeys);
            var failed = PolicyEvaluator.EvaluateTrust(trust, plain).IsAllowed
                ? actions.Skip(1).FirstOrDefault(action => !PolicyEvaluator.EvaluateTrust(trust, plain with { Action = action }).IsAllowed) ?? PolicyEvaluator.AssumeRoleAction
                : PolicyEvaluator.AssumeRoleAction;
            throw Denied(caller, roleArn, failed);
        }

        // In the same account a trust policy that names the caller itself (not its account) is enough:
        // no identity policy is needed, though explicit denies, a boundary and session policies still apply.
        var direct = role.AccountId == caller.AccountId && PolicyEvaluator.EvaluateTrust(trust, trustContext, directOnly: true).IsAllowed;
        foreach (var action in actions)
        {
            if (!authorizer.Decide(caller, action, role.Arn, AddRequestKeys, allowedByResource: direct).IsAllowed)
            {
                throw Denied(caller, roleArn, action);
            }
        }

        if (chained && duration > ChainedSessionLimit)
        {
            throw AwsErrors.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        if (duration > role.MaxSessionDuration)
        {
            throw AwsErrors.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var packed = asked.PackedSize(sessionTags);
        if (packed > 100)
        {
            throw new AwsServiceException("PackedPolicyTooLarge", $"Packed policy consumes {packed}% of allotted space, please use smaller policy.", System.Net.HttpStatusCode.BadRequest);
        }

        var session = CallerIdentity.Session(role.Arn, sessionName, now, sourceIdentity, mfa);
        var principal = new EmulatedPrincipal(session, $"{role.RoleId}:{sessionName}", RoleName: role.Name)
        {
            SessionPolicies = sessionPolicies,
            SessionTags = sessionTags,
            TransitiveTagKeys = transitive,
        };
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
                Xml.E("Expiration", QueryXml.Timestamp(credentials.Expiration!.Value))),
            asked.HasPackedContent || sessionTags.Count > 0 ? Xml.E("PackedPolicySize", packed) : null);
    }

    /// <summary>
    /// The session policies of the new session (Policy and PolicyArns), or null when none were passed.
    /// Managed policies must be AWS managed or in the role's account; they are resolved now.
    /// </summary>
    private IReadOnlyList<PolicyDocument>? SessionPolicies(SessionRequest request, IamRole role)
    {
        if (request.Policy is null && request.PolicyArns.Count == 0)
        {
            return null;
        }

        var documents = new List<PolicyDocument>();
        if (request.Policy is { } json)
        {
            try
            {
                documents.Add(PolicyDocument.Parse(json).ValidateAsIdentityPolicy());
            }
            catch (MalformedPolicyException error)
            {
                throw new AwsServiceException("MalformedPolicyDocument", error.Message, System.Net.HttpStatusCode.BadRequest);
            }
        }

        foreach (var arn in request.PolicyArns)
        {
            documents.Add(state.FindPolicy(role.AccountId, arn)?.Document
                ?? throw new AwsServiceException("MalformedPolicyDocument", $"Policy {arn} does not exist or is not attachable.", System.Net.HttpStatusCode.BadRequest));
        }

        return documents;
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

    private static AwsServiceException Denied(EmulatedPrincipal caller, string roleArn, string action) =>
        AwsErrors.AccessDenied(AwsProtocol.Query, caller.Arn, action, roleArn, explicitDeny: null);

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
