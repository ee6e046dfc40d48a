using Antlr4.Runtime.Tree;
using Cel.Internal;
using IrOperator.Schema.Cel;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// The CEL environment of admission policies, on the same engine and library as CRD rules
/// (<see cref="CelEngine"/>, <see cref="KubernetesCelLibrary"/>). Expressions may name <c>object</c>,
/// <c>oldObject</c>, <c>request</c>, <c>namespaceObject</c> and <c>variables</c>. What the engine cannot
/// do is refused when the policy is written, never skipped when it runs: <c>params</c> and
/// <c>authorizer</c>, optional selection (<c>.?</c>), functions outside the library, and
/// <c>variables.x</c> naming a variable not declared before it (docs/kube-emulator.md).
/// </summary>
internal sealed class AdmissionCel
{
    private static readonly IReadOnlySet<string> Declared = new HashSet<string>(StringComparer.Ordinal)
    {
        "object", "oldObject", "request", "namespaceObject", "variables",
    };

    private static readonly string[] Unsupported = ["params", "authorizer"];

    private readonly CelEngine _engine = new(Declared);
    private readonly global::Cel.CelEnvironment _parser = new([], "");
    private readonly Lock _parserGate = new();

    /// <summary>Compiles an expression that may read the <paramref name="variables"/> declared so far; on failure, the field error's detail.</summary>
    public (PolicyExpression? Expression, string? Error) Compile(string text, IReadOnlyCollection<string> variables)
    {
        IParseTree tree;
        try
        {
            lock (_parserGate)
            {
                tree = _parser.Parse(text);
            }
        }
        catch (global::Cel.CelException e)
        {
            return (null, $"compilation failed: {e.Message}");
        }

        if (UnsupportedVariable(tree) is { } unsupported)
        {
            return (null, $"compilation failed: '{unsupported}' is not supported by the emulator (see docs/kube-emulator.md)");
        }

        if (UsesOptionalSyntax(tree))
        {
            return (null, "compilation failed: optional field selection ('.?', '[?', '?key') is not supported by the emulator's CEL engine");
        }

        if (VariableReferences(tree).FirstOrDefault(v => !variables.Contains(v)) is { } undefined)
        {
            return (null, $"compilation failed: undefined field '{undefined}'");
        }

        var (program, _, error) = _engine.Compile(text);
        if (error is not null)
        {
            return (null, $"compilation failed: {error}");
        }

        return (new PolicyExpression(text, program!, VariableReferences(tree).ToHashSet(StringComparer.Ordinal)), null);
    }

    /// <summary>
    /// Evaluates an expression; an error comes back as the server words it
    /// (<c>expression '…' resulted in error: …</c>). An expression reading a variable whose own
    /// evaluation failed fails with that variable's error.
    /// </summary>
    public (object? Result, string? Error) Evaluate(PolicyExpression expression, IDictionary<string, object?> activation, IReadOnlyDictionary<string, string> failedVariables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        foreach (var variable in expression.Variables)
        {
            if (failedVariables.TryGetValue(variable, out var variableError))
            {
                return (null, $"expression '{expression.Text}' resulted in error: {variableError}");
            }
        }

        var (result, error, _) = _engine.Evaluate(expression.Program, activation);
        return error is null ? (result, null) : (null, $"expression '{expression.Text}' resulted in error: {error}");
    }

    /// <summary>The first of <c>params</c> or <c>authorizer</c> the expression reads, if any (the server declares them; the emulator does not).</summary>
    private static string? UnsupportedVariable(IParseTree node)
    {
        if (node is CelParser.IdentOrGlobalCallContext { op: null, id: not null } ident && Unsupported.Contains(ident.id.Text, StringComparer.Ordinal))
        {
            return ident.id.Text;
        }

        return Enumerable.Range(0, node.ChildCount).Select(i => UnsupportedVariable(node.GetChild(i))).FirstOrDefault(v => v is not null);
    }

    private static bool UsesOptionalSyntax(IParseTree node) =>
        node switch
        {
            CelParser.SelectContext { opt: not null } or CelParser.IndexContext { opt: not null } => true,
            CelParser.OptExprContext { opt: not null } or CelParser.OptFieldContext { opt: not null } => true,
            _ => Enumerable.Range(0, node.ChildCount).Any(i => UsesOptionalSyntax(node.GetChild(i))),
        };

    /// <summary>The names read as <c>variables.name</c>.</summary>
    private static IEnumerable<string> VariableReferences(IParseTree node)
    {
        if (node is CelParser.SelectContext { id: not null } select && select.member()?.GetText() == "variables")
        {
            yield return select.id.Text;
        }

        for (var i = 0; i < node.ChildCount; i++)
        {
            foreach (var name in VariableReferences(node.GetChild(i)))
            {
                yield return name;
            }
        }
    }
}
