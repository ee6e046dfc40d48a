using System.CommandLine;

namespace IrOperator.Cli.Grants;

/// <summary>
/// Answers kubectl's own completion of plugin arguments (kubectl 1.26+): for <c>kubectl breakglass &lt;Tab&gt;</c>,
/// kubectl runs <c>kubectl_complete-breakglass &lt;words...&gt; &lt;word being completed&gt;</c>, which calls
/// <c>kubectl-breakglass __complete &lt;words...&gt;</c>, and reads
/// cobra's format: one candidate per line, then <c>:&lt;directive&gt;</c>. The script
/// <c>src/KubectlBreakglass/kubectl_complete-breakglass</c> on PATH routes that here; the candidates come from the same <c>[suggest]</c> answer as
/// dotnet-suggest's (docs/cli.md, "Shell completion").
/// </summary>
public static class KubectlPluginCompletion
{
    public const string Verb = "__complete";

    /// <summary>cobra's ShellCompDirectiveNoFileComp: offer these candidates only, never file names.</summary>
    private const int NoFileCompletion = 4;

    public static bool IsRequest(string[] args) => args is [Verb, ..];

    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        // The words after __complete; the last is the one being completed ("" after a space).
        var line = string.Join(' ', ["kubectl-breakglass", .. args[1..]]);
        using var candidates = new StringWriter();
        await root.Parse([$"[suggest:{line.Length}]", line]).InvokeAsync(new InvocationConfiguration { Output = candidates, Error = TextWriter.Null }).ConfigureAwait(false);
        // Windows-style help aliases (/?, /h) are noise in a Unix shell.
        foreach (var candidate in candidates.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .Where(c => !c.StartsWith('/')))
        {
            await output.WriteLineAsync(candidate).ConfigureAwait(false);
        }
        await output.WriteLineAsync($":{NoFileCompletion}").ConfigureAwait(false);
        return 0;
    }
}
