using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Aws.Organizations;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The sandbox's AWS: the emulator with the sample organization, and the CLI files in the state
/// folder. <c>await using var aws = await AwsSandbox.StartAsync(stateDirectory); Console.WriteLine(aws.Usage);</c>
/// </summary>
public sealed class AwsSandbox : IAsyncDisposable
{
    private AwsSandbox(AwsEmulator emulator, AwsSandboxFiles files)
    {
        Emulator = emulator;
        Files = files;
    }

    public AwsEmulator Emulator { get; }

    public AwsSandboxFiles Files { get; }

    /// <summary>How to use the files with the AWS CLI, for the sandbox to print.</summary>
    public string Usage => $"""
        AWS emulator (IAM, STS, Organizations): {Emulator.Endpoint}
          source {Files.EnvFile}
          aws --profile operator sts get-caller-identity
          aws --profile operator organizations list-accounts
          aws --profile alice sts get-caller-identity
          aws --profile admin-prod iam list-roles
          aws --profile operator sts assume-role --role-arn arn:aws:iam::{SampleOrganization.ProdAccountId}:role/{ProvisionerRole.Name} --role-session-name me --source-identity me
          profiles: {string.Join(", ", AwsSandboxFileWriter.Profiles(Emulator).Select(profile => profile.Name))}
          organization: {Files.AccountsFile}
        """;

    public static async Task<AwsSandbox> StartAsync(string stateDirectory, AwsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = await AwsEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            return new AwsSandbox(emulator, AwsSandboxFileWriter.Write(stateDirectory, emulator));
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
