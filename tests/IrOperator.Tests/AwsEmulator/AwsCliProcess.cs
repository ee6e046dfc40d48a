using System.Diagnostics;
using System.Text.Json;
using IrOperator.Sandbox.Hosting;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>Runs the AWS CLI (v1) with the sandbox's files only: never the user's ~/.aws, with a timeout.</summary>
public static class AwsCliProcess
{
    public static async Task<JsonElement> RunAsync(AwsSandboxFiles files, string endpoint, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(files);
        var start = new ProcessStartInfo("aws", [.. arguments, "--output", "json", "--endpoint-url", endpoint])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_CONFIG_FILE"] = files.ConfigFile;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = files.CredentialsFile;
        // Both: AWS_ENDPOINT_URL is what users set, --endpoint-url is what CLIs older than 1.31/2.13
        // (Debian's awscli 2.9) understand.
        start.Environment["AWS_ENDPOINT_URL"] = endpoint;
        start.Environment["NO_PROXY"] = "127.0.0.1";
        foreach (var variable in new[] { "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors.ConfigureAwait(false)}");
        }

        using var document = JsonDocument.Parse(await output.ConfigureAwait(false));
        return document.RootElement.Clone();
    }
}
