using System.Text.Json;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>What boto3 made of a response: the parsed output, or the error code, message and HTTP status.</summary>
public sealed record Boto3Result(bool Ok, JsonElement Response, string? Code, string? Message, int Status)
{
    public override string ToString() => Ok ? $"OK {Response}" : $"{Status} {Code}: {Message}";
}
