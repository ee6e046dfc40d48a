using System.CommandLine;
using System.CommandLine.Completions;

namespace IrOperator.Cli.Grants;

/// <summary>The <c>&lt;grant&gt;</c> argument of the verbs that act on one grant; completes the names of the grants in the namespace.</summary>
public static class GrantArgument
{
    public static Argument<string> Create(ConnectionOptions connection, GrantCliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(environment);
        var argument = new Argument<string>("grant") { Description = "The BreakGlassGrant's name." };
        argument.CompletionSources.Add(context => Names(context, connection, environment));
        return argument;
    }

    // Shell completion asks the cluster, as kubectl's completion does; a completion never prints an error.
    private static IEnumerable<CompletionItem> Names(CompletionContext context, ConnectionOptions connection, GrantCliEnvironment environment)
    {
        try
        {
            using var session = connection.Connect(context.ParseResult, environment.Time);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var grants = session.ListGrantsAsync(allNamespaces: false, timeout.Token).GetAwaiter().GetResult();
            return [.. grants.Select(g => g.Metadata.Name).Where(n => n.StartsWith(context.WordToComplete, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .Select(n => new CompletionItem(n))];
        }
        catch (Exception e) when (e is GrantCliException or HttpRequestException or OperationCanceledException or k8s.Exceptions.KubeConfigException)
        {
            return [];
        }
    }
}
