using System.Diagnostics;
using System.Text.Json;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// Runs calls through boto3 (a real, independent AWS client whose parsers follow the botocore
/// service models) in one python3 process. Client-side parameter validation is off so the
/// emulator's own validation answers, retries are off so every error is seen, and the user's
/// ~/.aws is never read (credentials go with each call, config files point at /dev/null).
/// </summary>
public static class Boto3Runner
{
    private const string Script = """
        import json, sys, boto3, botocore.config, botocore.exceptions
        request = json.load(sys.stdin)
        config = botocore.config.Config(parameter_validation=False, retries={"total_max_attempts": 1}, region_name="us-east-1")
        session = boto3.session.Session()
        clients = {}
        results = []
        for call in request["calls"]:
            c = call["credentials"]
            region = call.get("region") or "us-east-1"
            key = (call["service"], c["AccessKeyId"], region)
            if key not in clients:
                clients[key] = session.client(call["service"], endpoint_url=request["endpoint"], config=config, region_name=region,
                    aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c.get("SessionToken"))
            client = clients[key]
            try:
                response = getattr(client, call["operation"])(**(call.get("parameters") or {}))
                response.pop("ResponseMetadata", None)
                results.append({"ok": True, "response": response})
            except botocore.exceptions.ClientError as error:
                e = error.response.get("Error", {})
                results.append({"ok": False, "code": e.get("Code"), "message": e.get("Message"),
                                "status": error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)})
        json.dump(results, sys.stdout, default=str)
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static async Task<IReadOnlyList<Boto3Result>> RunAsync(Uri endpoint, params Boto3Call[] calls)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var start = new ProcessStartInfo("python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_ENDPOINT_URL");
        start.Environment["NO_PROXY"] = "127.0.0.1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var request = new
        {
            endpoint = endpoint.ToString(),
            calls = calls.Select(call => new { service = call.Service, operation = call.Operation, parameters = call.Parameters, credentials = call.Credentials, region = call.Region }),
        };
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request)).ConfigureAwait(false);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"boto3 failed: {await errors.ConfigureAwait(false)}");
        }

        var results = JsonSerializer.Deserialize<List<Boto3Result>>(await output.ConfigureAwait(false), Json)
            ?? throw new InvalidOperationException("boto3 returned nothing.");
        return results;
    }

    public static async Task<Boto3Result> RunOneAsync(Uri endpoint, Boto3Call call) => (await RunAsync(endpoint, call).ConfigureAwait(false))[0];
}
