using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace IrOperator.Schema;

/// <summary>
/// The string formats the API server checks (k8s.io/apiextensions-apiserver's supported subset of
/// go-openapi strfmt). Formats it does not know are accepted, as there.
/// </summary>
internal static partial class StringFormats
{
    /// <summary>True when the value conforms, or the format is not one that is checked.</summary>
    public static bool IsValid(string format, string value) => format switch
    {
        "date-time" or "datetime" => IsDateTime(value),
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" or "uuid3" or "uuid4" or "uuid5" => UuidPattern().IsMatch(value),
        "byte" => IsBase64(value),
        "ipv4" => IPAddress.TryParse(value, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && value.Count(c => c == '.') == 3,
        "ipv6" => IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        "cidr" => IPNetwork.TryParse(value, out _),
        _ => true,
    };

    /// <summary>RFC 3339 date-time, as strfmt.DateTime parses it (fractional seconds optional, Z or offset).</summary>
    private static bool IsDateTime(string value) =>
        DateTimePattern().IsMatch(value) &&
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();
}
