using System.Text.RegularExpressions;

namespace IrOperator.Schema.Cel;

/// <summary>
/// One CEL environment per schema: compiles each rule once and evaluates it. The Cel package makes
/// no thread-safety promise for its environment and programs, so evaluation is serialized per schema;
/// rules are microseconds, so this costs nothing the emulator would notice.
/// The real server's CEL cost budget (per-rule and per-request limits) is not emulated.
/// </summary>
internal sealed partial class CelEngine
{
    private static readonly IReadOnlySet<string> RuleVariables = new HashSet<string>(StringComparer.Ordinal) { "self", "oldSelf" };

    private readonly global::Cel.CelEnvironment _environment;
    private readonly IReadOnlySet<string> _variables;
    private readonly Lock _gate = new();

    /// <summary>An engine for CRD rules (<c>self</c>, <c>oldSelf</c>).</summary>
    public CelEngine()
        : this(RuleVariables)
    {
    }

    /// <summary>An engine whose expressions may name <paramref name="variables"/> (admission policies: object, request...).</summary>
    public CelEngine(IReadOnlySet<string> variables)
    {
        _variables = variables;
        _environment = new global::Cel.CelEnvironment([], "");
        KubernetesCelLibrary.Register(_environment);
        _environment.RegisterFunction(CelPresenceRewriter.FunctionName, [typeof(object), typeof(string)], CelPresenceRewriter.Has);
        _environment.RegisterFunction(CelMapMacroRewriter.FunctionName, [typeof(object)], CelMapMacroRewriter.Keys);
    }

    /// <summary>Compiles an expression or returns the server-style error ("undeclared reference to 'x'", a syntax error).</summary>
    public (global::Cel.CelProgramDelegate? Program, bool UsesOldSelf, string? Error) Compile(string expression)
    {
        lock (_gate)
        {
            try
            {
                var tree = _environment.Parse(expression);
                var (error, usesOldSelf) = CelReferenceChecker.Check(tree, _variables);
                if (error is not null)
                {
                    return (null, false, error);
                }

                // has() as presence, then macros over a map's keys (each on the text the previous step produced).
                var presence = CelPresenceRewriter.Rewrite(expression, tree);
                var rewritten = CelMapMacroRewriter.Rewrite(presence, ReferenceEquals(presence, expression) ? tree : _environment.Parse(presence));
                return (_environment.Compile(rewritten), usesOldSelf, null);
            }
            catch (global::Cel.CelException e)
            {
                return (null, false, e.Message);
            }
        }
    }

    /// <summary>Evaluates a program; a failure comes back as the text the server puts before "evaluating rule".</summary>
    public (object? Result, string? Error, bool NoSuchOverload) Evaluate(global::Cel.CelProgramDelegate program, IDictionary<string, object?> variables)
    {
        lock (_gate)
        {
            try
            {
                return (program(variables!), null, false);
            }
            catch (global::Cel.CelNoSuchFieldException e)
            {
                // cel-go says "no such key: x" when a rule reads an absent field; say the same.
                var match = FieldName().Match(e.Message);
                return (null, match.Success ? $"no such key: {match.Groups[1].Value}" : e.Message, false);
            }
            catch (global::Cel.CelNoSuchOverloadException e)
            {
                return (null, $"no such overload: {e.Message}", true);
            }
            catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
            {
                // Whatever a user's rule does at run time (overflow, bad regex, a cast inside a library
                // function) is that rule's failure, reported on the object, never a server crash.
                return (null, e.Message, false);
            }
        }
    }

    [GeneratedRegex("field '([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
