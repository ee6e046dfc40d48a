using System.Net;
using System.Net.Http.Headers;
using IrOperator.Aws.Credentials;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Resilience;
using IrOperator.Aws.Signing;
using IrOperator.Aws.Telemetry;
using Serilog;

namespace IrOperator.Aws.Http;

/// <summary>
/// Sends signed requests to one service endpoint with one account's credentials: rate limit, retries,
/// SigV4 per attempt (the date is part of the signature), a structured log line and a metric per call.
/// Bodies are never logged: they hold policy documents and, for STS, credentials.
/// </summary>
public sealed class AwsHttpSender
{
    private readonly HttpClient _http;
    private readonly AwsEndpoint _endpoint;
    private readonly IAwsCredentialSource _credentials;
    private readonly string _account;
    private readonly AwsResilience _resilience;
    private readonly AwsErrorParser _errorParser;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public AwsHttpSender(HttpClient http, AwsEndpoint endpoint, IAwsCredentialSource credentials, string account, AwsResilience resilience, AwsErrorParser errorParser, ILogger logger, TimeProvider timeProvider)
    {
        _http = http;
        _endpoint = endpoint;
        _credentials = credentials;
        _account = account;
        _resilience = resilience;
        _errorParser = errorParser;
        _logger = logger.ForContext<AwsHttpSender>();
        _timeProvider = timeProvider;
    }

    public string Account => _account;

    public async Task<string> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var service = _endpoint.SigningName;
        var started = _timeProvider.GetTimestamp();
        var attempts = 0;
        try
        {
            var body = await _resilience.ExecuteAsync(
                _account,
                service,
                request.Action,
                (attempt, ct) =>
                {
                    attempts = attempt;
                    return SendOnceAsync(request, ct);
                },
                cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            AwsCallMetrics.Record(service, request.Action, "success", elapsed);
            _logger.Debug(
                "AWS {Service} {Action} in account {Account} succeeded after {Attempts} attempt(s) in {ElapsedMs} ms",
                service, request.Action, _account, attempts, (long)elapsed.TotalMilliseconds);
            return body;
        }
        catch (AwsServiceException e)
        {
            var elapsed = _timeProvider.GetElapsedTime(started);
            AwsCallMetrics.Record(service, request.Action, e.Kind.ToString().ToLowerInvariant(), elapsed);
            // NoSuchEntity is how IAM answers "is it there?" (a role about to be created): an answer, not a problem.
            _logger.Write(
                e.ErrorCode == AwsErrorCodes.NoSuchEntity ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Warning,
                "AWS {Service} {Action} in account {Account} failed with {ErrorCode} ({ErrorKind}, HTTP {StatusCode}, request {RequestId}) after {Attempts} attempt(s) in {ElapsedMs} ms: {AwsMessage}",
                service, request.Action, _account, e.ErrorCode, e.Kind, (int)e.StatusCode, e.RequestId, attempts, (long)elapsed.TotalMilliseconds, e.AwsMessage);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AwsCallMetrics.Record(service, request.Action, "cancelled", _timeProvider.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<string> SendOnceAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var current = await _credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint.Url);
        message.Content = new ByteArrayContent(request.Body);
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        SigV4Signer.Sign(message, request.Body, current, _endpoint.SigningRegion, _endpoint.SigningName, _timeProvider.GetUtcNow());

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AwsServiceException(_endpoint.SigningName, request.Action, AwsErrorCodes.TransportFailure, $"No answer from {_endpoint.Url}: {e.Message}", 0, null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException(_endpoint.SigningName, request.Action, AwsErrorCodes.TransportFailure, $"{_endpoint.Url} did not answer in time.", HttpStatusCode.RequestTimeout, null, e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            var error = _errorParser(request.Action, response.StatusCode, body, requestId);
            if (AwsErrorClassifier.IsExpiredCredentials(error.ErrorCode))
            {
                // Our cache believed the session fresh but the service disagrees (clocks differ): renew on retry.
                _credentials.Invalidate();
            }

            throw error;
        }
    }
}
