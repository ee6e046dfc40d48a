using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Sandbox.Aws.Protocol;
using IrOperator.Sandbox.Aws.SigV4;
using IrOperator.Sandbox.Aws.Sts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace IrOperator.Sandbox.Aws;

/// <summary>
/// The one endpoint for IAM, STS and Organizations: a request goes to the service named in its
/// SigV4 credential scope, after latency, authentication and fault injection, and every outcome is
/// answered in that service's protocol and recorded.
/// </summary>
public sealed class AwsRequestRouter(
    AwsEmulatorState state,
    AwsRequestAuthenticator authenticator,
    IamService iam,
    StsService sts,
    OrganizationsService organizations,
    ILogger logger)
{
    // A long sandbox run keeps only the most recent calls.
    private const int KeptCalls = 10_000;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    public void ClearCalls() => _calls.Clear();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = Guid.NewGuid().ToString();
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var target = request.Headers["X-Amz-Target"].ToString();
        var protocol = target.Length > 0 ? AwsProtocol.Json : AwsProtocol.Query;
        var query = protocol == AwsProtocol.Query ? ParseFields(request, body) : null;
        var service = "unknown";
        var action = query?.Action ?? target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        EmulatedPrincipal? caller = null;
        int status;
        string? errorCode = null;
        string responseBody;
        try
        {
            if (state.Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(state.Faults.Latency, context.RequestAborted).ConfigureAwait(false);
            }

            var authorization = SigV4Authorization.Parse(request.Headers.Authorization.ToString(), protocol)
                ?? throw AwsErrors.MissingAuthentication(protocol);
            service = CredentialScope.ServiceCalled(target, query?.Action, authorization.Service);
            protocol = service == "organizations" ? AwsProtocol.Json : AwsProtocol.Query;
            if (service is not ("iam" or "sts" or "organizations"))
            {
                throw new AwsServiceException("InvalidAction", $"The service '{service}' is not served by this emulator.", HttpStatusCode.BadRequest);
            }

            CredentialScope.Check(authorization, service, state.Organization.Partition, protocol);

            caller = authenticator.Authenticate(request, body, authorization, protocol);
            var fault = state.Faults.Next(service, protocol);
            if (fault is not null)
            {
                throw fault;
            }

            responseBody = service switch
            {
                "iam" => iam.Handle(query ?? throw AwsErrors.MissingAuthentication(protocol), caller, requestId),
                "sts" => sts.Handle(query ?? throw AwsErrors.MissingAuthentication(protocol), caller, requestId),
                _ => organizations.Handle(target, ParseJson(body), caller),
            };
            status = 200;
        }
        catch (AwsServiceException error)
        {
            status = (int)error.Status;
            errorCode = error.Code;
            responseBody = ErrorBody(error, protocol, service, requestId);
        }

        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A bug of the emulator: answer as AWS does for its own failures, and log what happened.
            logger.LogError(error, "AWS emulator failed on {Service} {Action}", service, action);
            var failure = AwsErrors.InternalFailure(protocol);
            status = (int)failure.Status;
            errorCode = $"{failure.Code} ({error.GetType().Name})";
            responseBody = ErrorBody(failure, protocol, service, requestId);
        }

        var call = new RecordedCall(service, action, caller?.Arn, status, errorCode);
        _calls.Enqueue(call);
        state.CallObserver?.Invoke(call);
        while (_calls.Count > KeptCalls && _calls.TryDequeue(out _))
        {
        }
        logger.LogDebug(
            "AWS {Service} {Action} by {Caller} answered {Status} {ErrorCode}", service, action, caller?.Arn ?? "(unauthenticated)", status, errorCode ?? "OK");
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        context.Response.ContentType = protocol == AwsProtocol.Json ? "application/x-amz-json-1.1" : "text/xml";
        await context.Response.WriteAsync(responseBody, context.RequestAborted).ConfigureAwait(false);
    }

    private static string ErrorBody(AwsServiceException error, AwsProtocol protocol, string service, string requestId) =>
        protocol == AwsProtocol.Json
            ? new JsonObject { ["__type"] = error.Code, ["Message"] = error.Message }.ToJsonString()
            : (service == "sts" ? StsService.Xml : IamXmlWriter.Xml).Error(error, requestId);

    // Query-protocol fields come from the form body of a POST and from the query string of a GET.
    private static QueryRequest ParseFields(HttpRequest request, byte[] body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in QueryHelpers.ParseQuery(request.QueryString.Value))
        {
            fields[key] = value.ToString();
        }

        if (body.Length > 0 && (request.ContentType ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                fields[key] = value.ToString();
            }
        }

        return new QueryRequest(fields);
    }

    private static JsonObject ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new JsonException("Not an object.");
        }
        catch (JsonException)
        {
            throw new AwsServiceException("SerializationException", "Start of structure or map found where not expected.", HttpStatusCode.BadRequest);
        }
    }
}
