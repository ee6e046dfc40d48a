using System.Globalization;
using System.Text;

namespace IrOperator.Cli.Plan;

/// <summary>
/// A unified diff (as <c>diff -u</c> prints it: <c>---</c>/<c>+++</c> headers, <c>@@ -a,b +c,d @@</c> hunks with
/// three lines of context) of two texts, line by line through a longest common subsequence. Policy documents
/// are small (IAM caps a role's inline policies at 10,240 characters), so the quadratic table is cheap.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff, or an empty string when the texts are equal.</summary>
    public static string Compute(string before, string after, string fromLabel, string toLabel)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
        {
            return "";
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(fromLabel).Append('\n');
        text.Append("+++ ").Append(toLabel).Append('\n');
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from up to Context lines before this change to Context lines after the last change
            // that is at most 2 * Context lines away from the next.
            var start = Math.Max(0, i - Context);
            var end = i;
            while (true)
            {
                while (end < edits.Count && edits[end].Kind != ' ')
                {
                    end++;
                }

                var next = end;
                while (next < edits.Count && edits[next].Kind == ' ')
                {
                    next++;
                }

                if (next < edits.Count && next - end <= 2 * Context)
                {
                    end = next;
                    continue;
                }

                end = Math.Min(edits.Count, end + Context);
                break;
            }

            var hunk = edits.GetRange(start, end - start);
            var fromStart = hunk[0].Before;
            var toStart = hunk[0].After;
            var fromCount = hunk.Count(e => e.Kind != '+');
            var toCount = hunk.Count(e => e.Kind != '-');
            text.Append(CultureInfo.InvariantCulture, $"@@ -{Range(fromStart, fromCount)} +{Range(toStart, toCount)} @@\n");
            foreach (var edit in hunk)
            {
                text.Append(edit.Kind).Append(edit.Line).Append('\n');
            }

            i = end;
        }

        return text.ToString();
    }

    /// <summary>diff's convention: the 1-based first line, or the line before an empty range.</summary>
    private static string Range(int start, int count) => count == 1
        ? (start + 1).ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{(count == 0 ? start : start + 1)},{count}");

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>The edit script: each line with ' ', '-' or '+', and the 0-based positions in both texts where it stands.</summary>
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var x = a.Length - 1; x >= 0; x--)
        {
            for (var y = b.Length - 1; y >= 0; y--)
            {
                lcs[x, y] = string.Equals(a[x], b[y], StringComparison.Ordinal) ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var edits = new List<Edit>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && string.Equals(a[i], b[j], StringComparison.Ordinal))
            {
                edits.Add(new Edit(' ', a[i], i, j));
                i++;
                j++;
            }
            else if (i < a.Length && (j == b.Length || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                // Removals before additions, as diff prints a changed line.
                edits.Add(new Edit('-', a[i], i, j));
                i++;
            }
            else
            {
                edits.Add(new Edit('+', b[j], i, j));
                j++;
            }
        }

        return edits;
    }

    private readonly record struct Edit(char Kind, string Line, int Before, int After);
}
