using System.CommandLine;
using k8s.Autorest;

namespace IrOperator.Cli.Grants;

/// <summary>What every grant verb does around its own work: connect, run, and print a refusal as one line saying what to do.</summary>
public static class GrantVerb
{
    public static async Task<int> RunAsync(
        ParseResult parse, ConnectionOptions connection, GrantCliEnvironment environment, CancellationToken ct,
        Func<GrantSession, TextWriter, TextWriter, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(body);
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var session = connection.Connect(parse, environment.Time);
            return await body(session, output, error).ConfigureAwait(false);
        }
        catch (GrantCliException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (HttpOperationException e)
        {
            await error.WriteLineAsync($"error: the API server answered {(int)e.Response.StatusCode}: {GrantApiErrors.ServerMessage(e) ?? e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"error: cannot reach the API server: {e.Message}; check the kubeconfig's server and that the cluster (or the sandbox) is running").ConfigureAwait(false);
            return 1;
        }
    }
}
