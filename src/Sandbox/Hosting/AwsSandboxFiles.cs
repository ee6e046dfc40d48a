namespace IrOperator.Sandbox.Hosting;

/// <summary>Where the sandbox wrote its AWS files.</summary>
public sealed record AwsSandboxFiles(string ConfigFile, string CredentialsFile, string EnvFile, string AccountsFile);
