using System.Net;
using IrOperator.Aws.Errors;

namespace IrOperator.Aws.Http;

/// <summary>Turns a protocol's error response (IAM's XML, Organizations' JSON) into an <see cref="AwsServiceException"/>.</summary>
/// <param name="action">The API action called.</param>
/// <param name="status">The HTTP status.</param>
/// <param name="body">The response body.</param>
/// <param name="headerRequestId">The x-amzn-RequestId header, if present.</param>
public delegate AwsServiceException AwsErrorParser(string action, HttpStatusCode status, string body, string? headerRequestId);
