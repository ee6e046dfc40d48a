using System.CommandLine;

namespace IrOperator.Cli.Grants;

/// <summary><c>list</c>: the grants of the namespace (or all with <c>-A</c>), as a table, JSON or YAML.</summary>
public static class ListVerb
{
    public static Command Create(ConnectionOptions connection, GrantCliEnvironment environment)
    {
        var output = OutputOption.Create();
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "List the grants of every namespace." };
        var command = new Command("list", "List grants: phase, approvals, time left.") { output, all };
        command.SetAction((parse, ct) => GrantVerb.RunAsync(parse, connection, environment, ct, async (session, stdout, _) =>
        {
            var allNamespaces = parse.GetValue(all);
            var grants = await session.ListGrantsAsync(allNamespaces, ct).ConfigureAwait(false);
            var format = parse.GetValue(output);
            if (format != OutputFormat.Table)
            {
                await stdout.WriteAsync(ObjectPrinter.Print(grants, format)).ConfigureAwait(false);
            }
            else if (grants.Count == 0)
            {
                await stdout.WriteLineAsync(allNamespaces ? "No grants found." : $"No grants found in namespace {session.Namespace}.").ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteAsync(GrantText.Table(grants, environment.Time.GetUtcNow(), allNamespaces)).ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }
}
