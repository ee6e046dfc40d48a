using System.Globalization;

namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// Date values as IAM's Date operators read them, in a policy and in the request context: ISO 8601
/// (a date alone, or date and time with Z or an offset, optional fractions) or epoch seconds.
/// A value without an offset is UTC.
/// </summary>
public static class PolicyDate
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd",
        "yyyyMMdd'T'HHmmssK",
        "yyyyMMdd'T'HHmmss",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.All(char.IsAsciiDigit))
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                value = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return true;
            }

            return false;
        }

        return DateTimeOffset.TryParseExact(
            text,
            IsoFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    /// <summary>The form the emulator puts into aws:CurrentTime and aws:TokenIssueTime, as AWS does.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
