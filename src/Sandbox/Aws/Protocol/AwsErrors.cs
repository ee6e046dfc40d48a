using System.Net;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Protocol;

/// <summary>
/// The errors every service shares (authentication, authorization, throttling, outages), spelled the
/// way each protocol family spells them: the query services (IAM, STS) use short codes and HTTP 403
/// for signature problems, while JSON services (Organizations) use <c>...Exception</c> types with 400.
/// </summary>
public static class AwsErrors
{
    private const string InvalidTokenMessage = "The security token included in the request is invalid.";
    private const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public static AwsServiceException MissingAuthentication(AwsProtocol protocol) => protocol == AwsProtocol.Query
        ? new("MissingAuthenticationToken", "Request is missing Authentication Token", HttpStatusCode.Forbidden)
        : new("MissingAuthenticationTokenException", "Missing Authentication Token", HttpStatusCode.BadRequest);

    public static AwsServiceException IncompleteSignature(AwsProtocol protocol, string detail) => protocol == AwsProtocol.Query
        ? new("IncompleteSignature", detail, HttpStatusCode.BadRequest)
        : new("IncompleteSignatureException", detail, HttpStatusCode.BadRequest);

    public static AwsServiceException InvalidClientTokenId(AwsProtocol protocol) => protocol == AwsProtocol.Query
        ? new("InvalidClientTokenId", InvalidTokenMessage, HttpStatusCode.Forbidden)
        : new("UnrecognizedClientException", InvalidTokenMessage, HttpStatusCode.BadRequest);

    public static AwsServiceException SignatureDoesNotMatch(AwsProtocol protocol) =>
        SignatureProblem(protocol, SignatureMismatchMessage);

    /// <summary>AWS's text for a request signed more than 5 minutes away from its own clock.</summary>
    public static AwsServiceException SignatureExpired(AwsProtocol protocol, string signedAt, DateTimeOffset now) =>
        SignatureProblem(
            protocol,
            $"Signature expired: {signedAt} is now earlier than {now.AddMinutes(-5):yyyyMMdd'T'HHmmss'Z'} ({now:yyyyMMdd'T'HHmmss'Z'} - 5 min.)");

    public static AwsServiceException SignatureNotYetCurrent(AwsProtocol protocol, string signedAt, DateTimeOffset now) =>
        SignatureProblem(
            protocol,
            $"Signature not yet current: {signedAt} is still later than {now.AddMinutes(5):yyyyMMdd'T'HHmmss'Z'} ({now:yyyyMMdd'T'HHmmss'Z'} + 5 min.)");

    public static AwsServiceException ExpiredToken(AwsProtocol protocol) => protocol == AwsProtocol.Query
        ? new("ExpiredToken", "The security token included in the request is expired", HttpStatusCode.Forbidden)
        : new("ExpiredTokenException", "The security token included in the request is expired", HttpStatusCode.BadRequest);

    /// <summary>
    /// IAM's denial text: "User: ARN is not authorized to perform: ACTION on resource: ARN because no
    /// identity-based policy allows the ACTION action" (or "with an explicit deny in an identity-based
    /// policy"). STS's AssumeRole denial has no reason: pass <paramref name="explicitDeny"/> null.
    /// </summary>
    public static AwsServiceException AccessDenied(AwsProtocol protocol, string callerArn, string action, string resource, bool? explicitDeny)
    {
        var reason = explicitDeny switch
        {
            true => " with an explicit deny in an identity-based policy",
            false => $" because no identity-based policy allows the {action} action",
            null => string.Empty,
        };
        var message = $"User: {callerArn} is not authorized to perform: {action} on resource: {resource}{reason}";
        return protocol == AwsProtocol.Query
            ? new("AccessDenied", message, HttpStatusCode.Forbidden)
            : new("AccessDeniedException", message, HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// IAM's denial text for <paramref name="decision"/>, naming the policy type that denied: "because no
    /// permissions boundary allows the ACTION action", "with an explicit deny in a session policy", ...
    /// </summary>
    public static AwsServiceException AccessDenied(AwsProtocol protocol, string callerArn, string action, string resource, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (explicitText, implicitText) = decision.Source switch
        {
            DecisionSource.PermissionsBoundary => ("a permissions boundary", "permissions boundary"),
            DecisionSource.SessionPolicy => ("a session policy", "session policy"),
            _ => ("an identity-based policy", "identity-based policy"),
        };
        var reason = decision.Kind == DecisionKind.ExplicitDeny
            ? $" with an explicit deny in {explicitText}"
            : $" because no {implicitText} allows the {action} action";
        var message = $"User: {callerArn} is not authorized to perform: {action} on resource: {resource}{reason}";
        return protocol == AwsProtocol.Query
            ? new("AccessDenied", message, HttpStatusCode.Forbidden)
            : new("AccessDeniedException", message, HttpStatusCode.BadRequest);
    }

    /// <summary>SigV4 credential scope problems (region, service) and an unsigned host: AWS answers them as signature mismatches.</summary>
    public static AwsServiceException SignatureScope(AwsProtocol protocol, string message) => SignatureProblem(protocol, message);

    public static AwsServiceException ConcurrentModification(AwsProtocol protocol) => protocol == AwsProtocol.Query
        ? new("ConcurrentModification", "The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.", HttpStatusCode.Conflict)
        : new("ConcurrentModificationException", "The target of the operation is currently being modified by a different request. Try again later.", HttpStatusCode.BadRequest);

    public static AwsServiceException Throttling(AwsProtocol protocol) => protocol == AwsProtocol.Query
        ? new("Throttling", "Rate exceeded", HttpStatusCode.BadRequest)
        : new("TooManyRequestsException", "Rate exceeded", HttpStatusCode.BadRequest);

    public static AwsServiceException ServiceUnavailable(AwsProtocol protocol) => protocol == AwsProtocol.Query
        ? new("ServiceUnavailable", "Service is unavailable. Please try again later.", HttpStatusCode.ServiceUnavailable, senderFault: false)
        : new("ServiceException", "AWS Organizations can't complete your request because of an internal service error. Try again later.", HttpStatusCode.InternalServerError, senderFault: false);

    public static AwsServiceException InternalFailure(AwsProtocol protocol) => protocol == AwsProtocol.Query
        ? new("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", HttpStatusCode.InternalServerError, senderFault: false)
        : new("ServiceException", "AWS Organizations can't complete your request because of an internal service error. Try again later.", HttpStatusCode.InternalServerError, senderFault: false);

    public static AwsServiceException InvalidAction(AwsProtocol protocol, string action, string version) => protocol == AwsProtocol.Query
        ? new("InvalidAction", $"Could not find operation {action} for version {version}", HttpStatusCode.BadRequest)
        : new("UnknownOperationException", string.Empty, HttpStatusCode.BadRequest);

    /// <summary>The query services' parameter validation error, with the field named as AWS names it.</summary>
    public static AwsServiceException Validation(string message) => new("ValidationError", message, HttpStatusCode.BadRequest);

    public static AwsServiceException PatternMismatch(string field, string value, string pattern) =>
        Validation($"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");

    public static AwsServiceException LengthOutOfRange(string field, string value, int min, int max) =>
        Validation(value.Length < min
            ? $"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must have length greater than or equal to {min}"
            : $"1 validation error detected: Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to {max}");

    private static AwsServiceException SignatureProblem(AwsProtocol protocol, string message) => protocol == AwsProtocol.Query
        ? new("SignatureDoesNotMatch", message, HttpStatusCode.Forbidden)
        : new("InvalidSignatureException", message, HttpStatusCode.BadRequest);

    public static AwsServiceException Missing(string field) =>
        Validation($"1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null");
}
