using System.Collections;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Cel.Internal;

namespace IrOperator.Schema.Cel;

/// <summary>
/// Makes the comprehension macros (<c>all</c>, <c>exists</c>, <c>exists_one</c>, <c>map</c>, <c>filter</c>) iterate
/// a map's keys, as the CEL specification and Kubernetes do: <c>object.metadata.annotations.exists(k,
/// k.startsWith('approval.'))</c>. The Cel package (0.3.3) iterates a map as key-value pairs instead. Each macro's
/// target is wrapped in a registered function that returns a map's keys (in the map's order) and any other value
/// unchanged, so lists iterate as before. Only insertions are made, so nested and chained macros rewrite
/// independently (docs/kube-emulator.md).
/// </summary>
internal static class CelMapMacroRewriter
{
    /// <summary>The registered function the rewrite wraps macro targets in.</summary>
    public const string FunctionName = "__iroperator_keys";

    private static readonly HashSet<string> Macros = new(StringComparer.Ordinal) { "all", "exists", "exists_one", "map", "filter" };

    public static string Rewrite(string expression, IParseTree tree)
    {
        var targets = new List<(int Start, int Stop)>();
        Collect(tree, targets);
        if (targets.Count == 0)
        {
            return expression;
        }

        // Insert from the end so earlier positions stay valid. At one position a closing parenthesis goes left of
        // an opening one, and of two openings (chained macros share a start) the outer one goes leftmost: later
        // insertions at the same index land to the left, so the inner (shorter) target's is made first.
        var edits = targets.SelectMany(t => new[] { (Position: t.Stop + 1, Open: false, Length: t.Stop - t.Start), (Position: t.Start, Open: true, Length: t.Stop - t.Start) })
            .OrderByDescending(e => e.Position)
            .ThenBy(e => e.Open ? 0 : 1)
            .ThenBy(e => e.Open ? e.Length : -e.Length);
        var sb = new StringBuilder(expression);
        foreach (var (position, open, _) in edits)
        {
            sb.Insert(position, open ? FunctionName + "(" : ")");
        }

        return sb.ToString();
    }

    /// <summary>A map's keys as a list; anything else as it is.</summary>
    public static object? Keys(object?[] args) => args[0] switch
    {
        IDictionary<string, object?> map => map.Keys.Cast<object?>().ToList(),
        IDictionary map => map.Keys.Cast<object?>().ToList(),
        var other => other,
    };

    private static void Collect(IParseTree node, List<(int, int)> targets)
    {
        if (node is CelParser.MemberCallContext call && Macros.Contains(call.id?.Text ?? "") &&
            call.args?.expr() is { Length: 2 or 3 } && call.member() is ParserRuleContext target && target.Start is { } first && target.Stop is { } last)
        {
            targets.Add((first.StartIndex, last.StopIndex));
        }

        for (var i = 0; i < node.ChildCount; i++)
        {
            Collect(node.GetChild(i), targets);
        }
    }
}
