using System.Diagnostics;
using System.Text.Json;
using IrOperator.Sandbox.Hosting;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>Runs the AWS CLI (v1) with the sandbox's files only: never the user's ~/.aws, with a timeout.</summary>
public static class AwsCliProcess
{
    public static async Task<JsonElement> RunAsync(AwsSandboxFiles files, string endpoint, params string[] arguments)
    {
        var (exitCode, output, errors) = await RunRawAsync(files, endpoint, null, arguments).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed ({exitCode}): {errors}");
        }

        using var document = JsonDocument.Parse(output.Length == 0 ? "{}" : output);
        return document.RootElement.Clone();
    }

    /// <summary>Runs the CLI with <paramref name="credentials"/> in the environment (e.g. a session), or the profiles when null.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunRawAsync(
        AwsSandboxFiles files, string endpoint, IrOperator.Sandbox.Aws.Identity.AwsCredentials? credentials, params string[] arguments)
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

        if (credentials is not null)
        {
            start.Environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
            start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
            if (credentials.SessionToken is { } token)
            {
                start.Environment["AWS_SESSION_TOKEN"] = token;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }
}
