using System.Text;
using System.Text.RegularExpressions;

namespace IrOperator.Schema;

/// <summary>
/// Compiles a schema <c>pattern</c> with RE2 semantics as the API server (Go regexp) applies them:
/// <c>\w</c>, <c>\d</c>, <c>\s</c> are ASCII-only in RE2 but Unicode in .NET, so they are rewritten to
/// explicit ASCII classes (otherwise "ïr-rôle" would pass <c>^[\w+=,.@-]+$</c> here and not there).
/// The non-backtracking engine gives RE2's linear-time guarantee, so a hostile pattern or value
/// cannot stall the emulator, and refuses back-references and look-arounds as RE2 does.
/// </summary>
internal static class Re2Pattern
{
    private const string Word = "a-zA-Z0-9_";
    private const string Digit = "0-9";
    private const string Space = "\\t\\n\\f\\r ";

    public static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    internal static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                var replacement = next switch
                {
                    'w' => Word,
                    'd' => Digit,
                    's' => Space,
                    _ => null,
                };
                var negated = next switch
                {
                    'W' => Word,
                    'D' => Digit,
                    'S' => Space,
                    _ => null,
                };
                if (replacement is not null)
                {
                    sb.Append(inClass ? replacement : $"[{replacement}]");
                }
                else if (negated is not null && !inClass)
                {
                    sb.Append("[^").Append(negated).Append(']');
                }
                else
                {
                    sb.Append(c).Append(next);
                }

                i++;
                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
                sb.Append(c);

                // A ']' right after '[' or '[^' is a literal in RE2.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    sb.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }

                continue;
            }

            if (c == ']' && inClass)
            {
                inClass = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
