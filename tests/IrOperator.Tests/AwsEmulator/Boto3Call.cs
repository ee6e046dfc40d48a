using IrOperator.Sandbox.Aws.Identity;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// One boto3 client call: service ("iam", "sts", "organizations"), operation (snake_case), parameters,
/// signer, and the region the client signs for (us-east-1 unless a test wants a wrongly scoped signature).
/// </summary>
public sealed record Boto3Call(string Service, string Operation, AwsCredentials Credentials, object? Parameters = null, string? Region = null);
