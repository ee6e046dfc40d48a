using Amazon.Runtime;
using IrOperator.Sandbox.Aws.Faults;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsClients;

/// <summary>Builds our AWS stack against a test class's emulator, signed as the sample organization's operator user.</summary>
internal static class EmulatorStacks
{
    public const string ManagementAccount = "111111111111";

    public static AwsTestStack Create(AwsEmulatorFixture fixture, int maxAttempts = 4)
    {
        var key = fixture.Emulator.CredentialsOf(ManagementAccount, IrOperator.Sandbox.Aws.AwsEmulator.OperatorUser);
        return new AwsTestStack(fixture.Endpoint, new ImmutableCredentials(key.AccessKeyId, key.SecretAccessKey, key.SessionToken), TimeProvider.System, maxAttempts);
    }

    public static AwsTestStack Create(IrOperator.Sandbox.Aws.AwsEmulator emulator, int maxAttempts = 4)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var key = emulator.CredentialsOf(ManagementAccount, IrOperator.Sandbox.Aws.AwsEmulator.OperatorUser);
        return new AwsTestStack(emulator.Endpoint, new ImmutableCredentials(key.AccessKeyId, key.SecretAccessKey, key.SessionToken), TimeProvider.System, maxAttempts);
    }

    public static AwsFaults Faults(AwsEmulatorFixture fixture) => fixture.Emulator.Faults;
}
