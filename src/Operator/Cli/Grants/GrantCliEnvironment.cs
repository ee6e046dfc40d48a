namespace IrOperator.Cli.Grants;

/// <summary>
/// What the grant verbs depend on besides the API server: the clock (remaining times, `wait`'s deadline) and
/// the words the user typed to reach them, so that printed commands (the approval command `request` prints)
/// read as the user would type them: <c>iroperator grant</c> or <c>kubectl breakglass</c>.
/// </summary>
public sealed record GrantCliEnvironment(string CommandName, TimeProvider Time)
{
    /// <summary>The operator binary's verb: <c>iroperator grant ...</c>.</summary>
    public static GrantCliEnvironment Operator { get; } = new("iroperator grant", TimeProvider.System);

    /// <summary>The kubectl plugin: <c>kubectl breakglass ...</c> (the <c>kubectl-breakglass</c> executable).</summary>
    public static GrantCliEnvironment KubectlPlugin { get; } = new("kubectl breakglass", TimeProvider.System);
}
