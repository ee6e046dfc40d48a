using System.Globalization;
using System.Text;

namespace IrOperator.Schema;

/// <summary>Formats values the way Go's fmt does in the API server's messages (%q for strings, %v otherwise).</summary>
internal static class GoFormat
{
    /// <summary>Go's <c>%q</c>: double-quoted with Go escapes.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (Rune.IsControl(rune))
                    {
                        sb.Append(rune.Value < 0x80 ? $"\\x{rune.Value:x2}" : $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A bad value as <c>field.Error</c> prints it: strings quoted, numbers and booleans plain, null as "null".</summary>
    public static string Value(object? value) => value switch
    {
        null => "\"null\"",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => Number(d),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    /// <summary>Go's <c>%v</c> of a float64 (shortest representation, exponent for large magnitudes).</summary>
    public static string Number(double d)
    {
        if (Math.Abs(d) < 1e21 && Math.Floor(d) == d)
        {
            return d.ToString("0", CultureInfo.InvariantCulture);
        }

        return d.ToString("R", CultureInfo.InvariantCulture);
    }
}
