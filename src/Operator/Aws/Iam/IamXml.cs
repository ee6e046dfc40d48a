using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using IrOperator.Aws.Errors;

namespace IrOperator.Aws.Iam;

/// <summary>Reads IAM's query-protocol XML (namespace https://iam.amazonaws.com/doc/2010-05-08/), matched by local name.</summary>
internal static class IamXml
{
    public static XElement Result(string action, string body)
    {
        try
        {
            var root = XDocument.Parse(body).Root;
            return root?.Child(action + "Result") ?? root ?? throw Unreadable(action, "empty document");
        }
        catch (XmlException e)
        {
            throw Unreadable(action, e.Message);
        }
    }

    public static AwsServiceException Error(string action, HttpStatusCode status, string body, string? headerRequestId)
    {
        try
        {
            var root = XDocument.Parse(body).Root;
            var error = root?.Child("Error");
            var code = error?.Child("Code")?.Value;
            if (code is not null)
            {
                var requestId = root?.Child("RequestId")?.Value ?? headerRequestId;
                return new AwsServiceException("iam", action, code, error?.Child("Message")?.Value ?? string.Empty, status, requestId);
            }
        }
        catch (XmlException)
        {
            // Not XML (a proxy's page, an empty 503): classified by status below.
        }

        return new AwsServiceException("iam", action, StatusCodeAsErrorCode(status), "The response carried no AWS error document.", status, headerRequestId);
    }

    public static IamRole Role(XElement role) => new(
        role.Required("RoleName"),
        role.Required("RoleId"),
        role.Required("Arn"),
        role.Child("Path")?.Value ?? "/",
        DateTimeOffset.Parse(role.Required("CreateDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        Decode(role.Child("AssumeRolePolicyDocument")?.Value ?? string.Empty),
        role.Child("Description")?.Value,
        int.TryParse(role.Child("MaxSessionDuration")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : 3600,
        role.Child("PermissionsBoundary")?.Child("PermissionsBoundaryArn")?.Value,
        Tags(role.Child("Tags")));

    public static IReadOnlyList<IamTag> Tags(XElement? tags) =>
        Members(tags).Select(m => new IamTag(m.Required("Key"), m.Child("Value")?.Value ?? string.Empty)).ToList();

    public static IEnumerable<XElement> Members(XElement? list) =>
        list?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    /// <summary>IAM returns policy documents percent-encoded (RFC 3986); '+' is never a space here.</summary>
    public static string Decode(string encoded) => Uri.UnescapeDataString(encoded);

    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static string Required(this XElement element, string localName) =>
        element.Child(localName)?.Value ?? throw Unreadable(element.Name.LocalName, $"missing element {localName}");

    public static XElement RequiredChild(this XElement element, string localName) =>
        element.Child(localName) ?? throw Unreadable(element.Name.LocalName, $"missing element {localName}");

    private static string StatusCodeAsErrorCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => AwsErrorCodes.Throttling,
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        _ when (int)status >= 500 => "InternalFailure",
        _ => AwsErrorCodes.UnreadableResponse,
    };

    private static AwsServiceException Unreadable(string action, string detail) =>
        new("iam", action, AwsErrorCodes.UnreadableResponse, $"IAM's response could not be read: {detail}.", HttpStatusCode.OK, null);
}
