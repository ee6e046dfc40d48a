using IrOperator.Schema;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>A <c>[]string</c> as Go's <c>%#v</c> prints it in a field error's value: <c>[]string{"x"}</c>.</summary>
internal sealed class GoStringSlice(IReadOnlyList<string> values)
{
    public override string ToString() => $"[]string{{{string.Join(", ", values.Select(GoFormat.Quote))}}}";
}
