using System.CommandLine;

namespace IrOperator.Cli.Grants;

/// <summary>
/// The responder and approver commands (docs/cli.md): <c>request</c>, <c>approve</c>, <c>deny</c>, <c>revoke</c>,
/// <c>list</c>, <c>show</c>, <c>wait</c>, working through the kubeconfig as kubectl does. The same verbs are
/// <c>iroperator grant ...</c> and the kubectl plugin <c>kubectl breakglass ...</c>.
/// </summary>
public static class GrantCommand
{
    /// <summary><c>iroperator grant</c>.</summary>
    public static Command Create(GrantCliEnvironment? environment = null)
    {
        var command = new Command("grant", "Request, approve, deny, revoke and follow BreakGlassGrants through your kubeconfig.");
        AddVerbs(command, environment ?? GrantCliEnvironment.Operator);
        return command;
    }

    /// <summary>The root of the <c>kubectl-breakglass</c> executable: the same verbs, without the <c>grant</c> level.</summary>
    public static RootCommand CreatePluginRoot(GrantCliEnvironment? environment = null)
    {
        var root = new RootCommand("kubectl breakglass: request, approve, deny, revoke and follow IrOperator BreakGlassGrants through your kubeconfig.");
        AddVerbs(root, environment ?? GrantCliEnvironment.KubectlPlugin);
        return root;
    }

    private static void AddVerbs(Command parent, GrantCliEnvironment environment)
    {
        var connection = new ConnectionOptions();
        connection.AddTo(parent);
        parent.Subcommands.Add(RequestVerb.Create(connection, environment));
        parent.Subcommands.Add(ApproveVerb.Create(connection, environment, denial: false));
        parent.Subcommands.Add(ApproveVerb.Create(connection, environment, denial: true));
        parent.Subcommands.Add(RevokeVerb.Create(connection, environment));
        parent.Subcommands.Add(ListVerb.Create(connection, environment));
        parent.Subcommands.Add(ShowVerb.Create(connection, environment));
        parent.Subcommands.Add(WaitVerb.Create(connection, environment));
    }
}
