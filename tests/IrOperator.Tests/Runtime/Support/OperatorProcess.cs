using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace IrOperator.Tests.Runtime.Support;

/// <summary>
/// One real `iroperator run` process: the test build of the operator (tests/IrOperator.TestOperator, the shipped
/// CLI plus a recording Widget controller), its log lines, its /readyz, its reconcile records and its exit.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _health = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(string identity, string recordsPath, Process process)
    {
        Identity = identity;
        RecordsPath = recordsPath;
        _process = process;
    }

    public string Identity { get; }

    public string RecordsPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>When the process ended, as UTC ticks (the records' clock); an upper bound for anything it was doing.</summary>
    public long ExitTicks => _process.ExitTime.ToUniversalTime().Ticks;

    public string Output => string.Join('\n', _output);

    public static OperatorProcess Start(string identity, string kubeconfig, string leaseName, string ns, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var dll = typeof(OperatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestOperatorPath").Value!;
        var records = Path.Combine(directory, $"{identity}.records");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            dll, "run", "--kubeconfig", kubeconfig, "--identity", identity, "--lease-namespace", "default", "--lease-name", leaseName,
            "--health-address", "127.0.0.1", "--health-port", "0", "--log-format", "json",
        })
        {
            start.ArgumentList.Add(arg);
        }
        // `run` resolves its AWS credentials at start (a missing profile fails the start): these replicas
        // reconcile test objects only, so any well-formed static keys will do.
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test-secret-not-used";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["TESTOP_RECORDS"] = records;
        start.Environment["TESTOP_NAMESPACE"] = ns;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Launch(identity, records, start);
    }

    /// <summary>Any `iroperator` executable (e.g. a published one) with the given arguments and environment (null removes a variable); no records.</summary>
    public static OperatorProcess StartExecutable(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        return Launch(Path.GetFileName(executable), "", start);
    }

    private static OperatorProcess Launch(string identity, string records, ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        var operatorProcess = new OperatorProcess(identity, records, process);
        process.OutputDataReceived += (_, e) => operatorProcess.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => operatorProcess.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return operatorProcess;
    }

    /// <summary>The /healthz, /readyz and /metrics base address, from the host's start-up log line.</summary>
    public Task<Uri> HealthEndpointAsync(TimeSpan timeout) => _health.Task.WaitAsync(timeout);

    /// <summary>What this replica's reconciler recorded so far.</summary>
    public IReadOnlyList<ReconcileRecord> Records() => ReconcileRecord.Read(Identity, RecordsPath);

    /// <summary>SIGTERM, as the kubelet sends when a pod is deleted.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        if (!line.StartsWith('{'))
        {
            return;
        }
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("Endpoint", out var endpoint) && endpoint.GetString() is { } uri)
            {
                _health.TrySetResult(new Uri(uri));
            }
        }
        catch (JsonException)
        {
        }
    }
}
