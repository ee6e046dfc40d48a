using Antlr4.Runtime.Tree;
using Cel.Internal;

namespace IrOperator.Schema.Cel;

/// <summary>
/// Finds undeclared functions and variables in a parsed rule. The Cel package only parses at compile
/// time and reports an unknown function at evaluation; the real server type-checks when the CRD is
/// written and refuses it ("undeclared reference to 'x'"), so we check here to refuse it at the same time.
/// </summary>
internal static class CelReferenceChecker
{
    private static readonly HashSet<string> BuiltInFunctions = new(StringComparer.Ordinal)
    {
        // macros
        "has", "all", "exists", "exists_one", "map", "filter",
        // core functions and conversions
        "size", "matches", "startsWith", "endsWith", "contains", "int", "uint", "double", "string", "bytes",
        "bool", "duration", "timestamp", "type", "dyn",
        // timestamp and duration accessors
        "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getHours",
        "getMinutes", "getSeconds", "getMilliseconds",
    };

    private static readonly HashSet<string> Comprehensions = new(StringComparer.Ordinal) { "all", "exists", "exists_one", "map", "filter" };

    private static readonly HashSet<string> TypeIdentifiers = new(StringComparer.Ordinal)
    {
        "int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn",
    };

    /// <summary>The findings: an error text if any reference is undeclared, and whether <c>oldSelf</c> is used.</summary>
    public static (string? Error, bool UsesOldSelf) Check(IParseTree tree, IReadOnlySet<string> variables)
    {
        var comprehensionVariables = new HashSet<string>(StringComparer.Ordinal);
        var identifiers = new List<string>();
        var functions = new List<string>();
        Walk(tree, comprehensionVariables, identifiers, functions);

        foreach (var f in functions)
        {
            if (!BuiltInFunctions.Contains(f) && !KubernetesCelLibrary.Functions.Contains(f))
            {
                return ($"undeclared reference to '{f}'", false);
            }
        }

        foreach (var id in identifiers)
        {
            if (!variables.Contains(id) && !comprehensionVariables.Contains(id) && !TypeIdentifiers.Contains(id))
            {
                return ($"undeclared reference to '{id}'", false);
            }
        }

        return (null, identifiers.Contains("oldSelf"));
    }

    private static void Walk(IParseTree node, HashSet<string> comprehensionVariables, List<string> identifiers, List<string> functions)
    {
        switch (node)
        {
            case CelParser.IdentOrGlobalCallContext ident:
                var name = ident.id?.Text ?? "";
                if (ident.op is not null)
                {
                    functions.Add(name);
                }
                else
                {
                    identifiers.Add(name);
                }

                break;
            case CelParser.MemberCallContext call:
                var function = call.id?.Text ?? "";
                functions.Add(function);
                if (Comprehensions.Contains(function) && call.args is { ChildCount: > 0 } args)
                {
                    comprehensionVariables.Add(args.GetChild(0).GetText());
                }

                break;
        }

        for (var i = 0; i < node.ChildCount; i++)
        {
            Walk(node.GetChild(i), comprehensionVariables, identifiers, functions);
        }
    }
}
