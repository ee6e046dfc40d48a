using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Cel.Internal;

namespace IrOperator.Schema.Cel;

/// <summary>
/// Rewrites <c>has(x.f)</c> to a key-presence test. The Cel package (0.3.3) gives <c>has()</c> proto3
/// semantics on maps too: false when the field is present but empty (<c>{}</c>, <c>[]</c>, <c>""</c>) or
/// null. Kubernetes evaluates <c>has()</c> on objects as presence, so <c>has(self.trust)</c> with
/// <c>trust: {}</c> is true there; a rule like <c>has(self.trust) != has(self.breakGlass)</c> would
/// otherwise judge objects differently here than on a real cluster.
/// </summary>
internal static class CelPresenceRewriter
{
    /// <summary>The registered presence function the rewrite calls.</summary>
    public const string FunctionName = "__iroperator_has";

    public static string Rewrite(string expression, IParseTree tree)
    {
        var replacements = new List<(int Start, int Stop, string Text)>();
        Collect(tree, expression, replacements);
        if (replacements.Count == 0)
        {
            return expression;
        }

        var sb = new StringBuilder(expression);
        foreach (var (start, stop, text) in replacements.OrderByDescending(r => r.Start))
        {
            sb.Remove(start, stop - start + 1).Insert(start, text);
        }

        return sb.ToString();
    }

    /// <summary>True when the value is a map holding the key, whatever its value.</summary>
    public static object Has(object?[] args) =>
        args[0] is IDictionary<string, object?> map && args[1] is string key && map.ContainsKey(key);

    private static void Collect(IParseTree node, string expression, List<(int, int, string)> replacements)
    {
        if (node is CelParser.IdentOrGlobalCallContext { op: not null } call && call.id?.Text == "has" &&
            call.args?.expr() is [var argument] && FindSelect(argument) is { op: not null, opt: null } select &&
            select.member() is ParserRuleContext operand && operand.Start is { } first && operand.Stop is { } last)
        {
            var operandText = expression[first.StartIndex..(last.StopIndex + 1)];
            replacements.Add((call.Start.StartIndex, call.Stop.StopIndex, $"{FunctionName}({operandText}, '{select.id.Text}')"));
            return;
        }

        for (var i = 0; i < node.ChildCount; i++)
        {
            Collect(node.GetChild(i), expression, replacements);
        }
    }

    /// <summary>The field selection an argument consists of, looking through single-child wrappers.</summary>
    private static CelParser.SelectContext? FindSelect(IParseTree node)
    {
        while (true)
        {
            switch (node)
            {
                case CelParser.SelectContext select:
                    return select;
                case { ChildCount: 1 }:
                    node = node.GetChild(0);
                    break;
                default:
                    return null;
            }
        }
    }
}
