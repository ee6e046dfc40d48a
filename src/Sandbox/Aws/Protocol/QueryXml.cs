using System.Globalization;
using System.Xml.Linq;

namespace IrOperator.Sandbox.Aws.Protocol;

/// <summary>
/// Builds query-protocol XML in one service's namespace: <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;...</c>
/// followed by <c>ResponseMetadata/RequestId</c>, and <c>&lt;ErrorResponse&gt;</c> for errors.
/// </summary>
public sealed class QueryXml(string xmlNamespace)
{
    private readonly XNamespace _ns = xmlNamespace;

    /// <summary>An element; null content is left out, so optional members can be passed as they are.</summary>
    public XElement E(string name, params object?[] content) => new(_ns + name, content.Where(item => item is not null));

    /// <summary>A list as the query protocol writes it: <c>&lt;name&gt;&lt;member&gt;...&lt;/member&gt;&lt;/name&gt;</c>.</summary>
    public XElement Members(string name, IEnumerable<object> members) => E(name, members.Select(member => E("member", member)).ToArray());

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The body of a successful call; <paramref name="result"/> null for operations without output.</summary>
    public string Response(string action, XElement? result, string requestId)
    {
        var document = E(
            action + "Response",
            result,
            E("ResponseMetadata", E("RequestId", requestId)));
        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The result element of <paramref name="action"/> with its members.</summary>
    public XElement Result(string action, params object?[] content) => E(action + "Result", content);

    public string Error(AwsServiceException error, string requestId)
    {
        ArgumentNullException.ThrowIfNull(error);
        var document = E(
            "ErrorResponse",
            E("Error", E("Type", error.SenderFault ? "Sender" : "Receiver"), E("Code", error.Code), E("Message", error.Message)),
            E("RequestId", requestId));
        return document.ToString(SaveOptions.DisableFormatting);
    }
}
