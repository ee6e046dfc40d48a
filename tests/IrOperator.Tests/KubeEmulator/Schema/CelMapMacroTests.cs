using IrOperator.Schema.Cel;

namespace IrOperator.Tests.KubeEmulator.Schema;

/// <summary>
/// The emulator's CEL iterates a map's keys in the comprehension macros, as the CEL specification and Kubernetes
/// do (the Cel package alone iterates key-value pairs), and lists as before; nested and chained macros included.
/// </summary>
public sealed class CelMapMacroTests
{
    private static readonly Dictionary<string, object?> Annotations = new(StringComparer.Ordinal)
    {
        ["approval.iroperator.io/bob"] = "bob",
        ["approval.iroperator.io/carol"] = "carol|ir-approvers",
        ["iroperator.io/revoke"] = "contained",
    };

    private readonly CelEngine _engine = new(new HashSet<string>(StringComparer.Ordinal) { "m", "l", "nested" });

    [Theory]
    [InlineData("m.exists(k, k == 'iroperator.io/revoke')", true)]
    [InlineData("m.exists(k, k == 'bob')", false)]
    [InlineData("m.all(k, k.contains('iroperator.io/'))", true)]
    [InlineData("m.all(k, k.startsWith('approval.'))", false)]
    [InlineData("m.exists_one(k, k.startsWith('iroperator.io/'))", true)]
    [InlineData("m.exists_one(k, k.startsWith('approval.'))", false)]
    [InlineData("m.filter(k, k.startsWith('approval.')) == ['approval.iroperator.io/bob', 'approval.iroperator.io/carol']", true)]
    [InlineData("m.filter(k, k.startsWith('approval.')).all(k, m[k].split('|')[0] == k.split('/')[1])", true)]
    [InlineData("m.map(k, m[k]) == ['bob', 'carol|ir-approvers', 'contained']", true)]
    [InlineData("size(m.filter(k, k in l)) == 1", true)]
    [InlineData("{}.all(k, false)", true)]
    [InlineData("{'a': 1}.exists(k, k == 'a')", true)]
    public void Macros_over_a_map_iterate_its_keys(string expression, bool expected) =>
        Evaluate(expression).Should().Be(expected, expression);

    [Theory]
    [InlineData("l.exists(x, x == 'iroperator.io/revoke')", true)]
    [InlineData("l.map(x, size(x)) == [20, 3]", true)]
    [InlineData("l.filter(x, x.size() > 3) == ['iroperator.io/revoke']", true)]
    [InlineData("[1, 2, 3].all(x, x > 0)", true)]
    public void Macros_over_a_list_iterate_its_items(string expression, bool expected) =>
        Evaluate(expression).Should().Be(expected, expression);

    [Theory]
    [InlineData("nested.all(k, nested[k].exists(j, j == 'x'))", true)]
    [InlineData("nested.exists(k, nested[k].all(j, j == 'x'))", true)]
    [InlineData("nested.filter(k, k != 'b').map(k, nested[k].filter(j, j == 'x')) == [['x']]", true)]
    [InlineData("(has(m.x) ? m : nested).exists(k, k == 'a')", true)]
    public void Nested_and_chained_macros_iterate_keys_at_each_level(string expression, bool expected) =>
        Evaluate(expression).Should().Be(expected, expression);

    [Theory]
    [InlineData("'oidc:alice'.substring(size('oidc:')) == 'alice'", true)]
    [InlineData("['oidc:'].map(p, size(p)).exists(n, 'oidc:alice'.substring(n) == 'alice')", true)]
    [InlineData("'oidc:alice'.substring(size('oidc:'), size('oidc:al')) == 'al'", true)]
    public void Lengths_from_size_are_ints_to_substring(string expression, bool expected) =>
        Evaluate(expression).Should().Be(expected, expression);

    private object? Evaluate(string expression)
    {
        var (program, _, error) = _engine.Compile(expression);
        error.Should().BeNull(expression);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["m"] = new Dictionary<string, object?>(Annotations, StringComparer.Ordinal),
            ["l"] = new List<object?> { "iroperator.io/revoke", "bob" },
            ["nested"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["a"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["x"] = 1L },
                ["b"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["x"] = 1L, ["y"] = 2L },
            },
        };
        var (result, evaluationError, _) = _engine.Evaluate(program!, variables);
        evaluationError.Should().BeNull(expression);
        return result;
    }
}
