using System.Net;
using System.Text.Json;
using IrOperator.Aws.Errors;

namespace IrOperator.Aws.Organizations;

/// <summary>Reads Organizations' JSON 1.1 answers and errors.</summary>
internal static class OrganizationsJson
{
    public static JsonElement Parse(string action, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AwsServiceException("organizations", action, AwsErrorCodes.UnreadableResponse, $"Organizations' response could not be read: {e.Message}", HttpStatusCode.OK, null);
        }
    }

    /// <summary>
    /// JSON 1.1 errors carry the code in <c>__type</c>, sometimes prefixed with the model's namespace
    /// ("com.amazonaws.organizations#AccountNotFoundException"), and the message as "message" or "Message".
    /// </summary>
    public static AwsServiceException Error(string action, HttpStatusCode status, string body, string? headerRequestId)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = String(root, "__type") ?? String(root, "code");
                message = String(root, "Message") ?? String(root, "message");
            }
        }
        catch (JsonException)
        {
            // Not JSON: classified by status below.
        }

        if (code is not null)
        {
            code = code[(code.LastIndexOf('#') + 1)..];
            var colon = code.IndexOf(':', StringComparison.Ordinal);
            code = colon < 0 ? code : code[..colon];
        }

        code ??= status == HttpStatusCode.TooManyRequests ? "TooManyRequestsException" : (int)status >= 500 ? "ServiceException" : AwsErrorCodes.UnreadableResponse;
        return new AwsServiceException("organizations", action, code, message ?? string.Empty, status, headerRequestId);
    }

    public static OrganizationAccount Account(JsonElement e) => new(
        Required(e, "Id"), Required(e, "Arn"), String(e, "Name") ?? string.Empty, String(e, "Email") ?? string.Empty, String(e, "State"), String(e, "Status"));

    public static OrganizationalUnit Unit(JsonElement e) => new(Required(e, "Id"), Required(e, "Arn"), String(e, "Name") ?? string.Empty);

    public static OrganizationRoot Root(JsonElement e) => new(Required(e, "Id"), Required(e, "Arn"), String(e, "Name") ?? string.Empty);

    public static OrganizationTag Tag(JsonElement e) => new(Required(e, "Key"), String(e, "Value") ?? string.Empty);

    public static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement e, string name) =>
        String(e, name) ?? throw new AwsServiceException("organizations", "read", AwsErrorCodes.UnreadableResponse, $"Organizations' response lacks field {name}.", HttpStatusCode.OK, null);
}
