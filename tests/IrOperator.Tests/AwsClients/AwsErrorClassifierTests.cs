using System.Net;
using IrOperator.Aws.Errors;

namespace IrOperator.Tests.AwsClients;

public sealed class AwsErrorClassifierTests
{
    [Theory]
    [InlineData("Throttling", HttpStatusCode.BadRequest, AwsErrorKind.Throttled)]
    [InlineData("TooManyRequestsException", HttpStatusCode.BadRequest, AwsErrorKind.Throttled)]
    [InlineData("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable, AwsErrorKind.Throttled)]
    [InlineData("Anything", HttpStatusCode.TooManyRequests, AwsErrorKind.Throttled)]
    [InlineData("ServiceFailure", HttpStatusCode.InternalServerError, AwsErrorKind.Retryable)]
    [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable, AwsErrorKind.Retryable)]
    [InlineData("SomethingNew", HttpStatusCode.BadGateway, AwsErrorKind.Retryable)]
    [InlineData("TransportFailure", (HttpStatusCode)0, AwsErrorKind.Retryable)]
    [InlineData("ExpiredToken", HttpStatusCode.Forbidden, AwsErrorKind.Retryable)]
    [InlineData("LimitExceeded", HttpStatusCode.Conflict, AwsErrorKind.Quota)]
    [InlineData("LimitExceededException", HttpStatusCode.BadRequest, AwsErrorKind.Quota)]
    [InlineData("NoSuchEntity", HttpStatusCode.NotFound, AwsErrorKind.Terminal)]
    [InlineData("EntityAlreadyExists", HttpStatusCode.Conflict, AwsErrorKind.Terminal)]
    [InlineData("DeleteConflict", HttpStatusCode.Conflict, AwsErrorKind.Terminal)]
    [InlineData("MalformedPolicyDocument", HttpStatusCode.BadRequest, AwsErrorKind.Terminal)]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, AwsErrorKind.Terminal)]
    public void Codes_are_classified_as_the_standard_retry_mode_does_except_quotas(string code, HttpStatusCode status, AwsErrorKind expected)
    {
        AwsErrorClassifier.Classify(code, status).Should().Be(expected);
    }

    [Fact]
    public void Quota_errors_are_never_retryable_even_with_a_5xx_status()
    {
        var error = new AwsServiceException("iam", "CreateRole", "LimitExceeded", "Cannot exceed quota for RolesPerAccount: 1000", HttpStatusCode.ServiceUnavailable, "r-1");

        error.IsRetryable.Should().BeFalse();
        error.Message.Should().Contain("iam:CreateRole").And.Contain("LimitExceeded");
    }
}
