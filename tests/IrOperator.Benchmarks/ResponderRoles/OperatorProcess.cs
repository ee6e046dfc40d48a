using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// The operator as a child process (so its memory is the operator's alone, not the emulators'): started with
/// the emulator's endpoint and the operator user's keys in the standard AWS variables, ready once /readyz
/// answers 200, stopped by closing its standard input.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _child;
    private readonly Task _reader;
    private readonly List<string> _warnings = [];
    private string? _memoryLine;
    private int _noSuchEntityLines;

    private OperatorProcess(Process child, int healthPort)
    {
        _child = child;
        HealthPort = healthPort;
        _reader = Task.WhenAll(ReadAsync(child.StandardOutput), ReadAsync(child.StandardError));
    }

    public int HealthPort { get; }

    /// <summary>Warning and error lines the operator logged (the first ones are kept).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public int WarningCount { get; private set; }

    public bool HasExited => _child.HasExited;

    public int ExitCode => _child.ExitCode;

    /// <summary>SIGKILL, as the kubelet's last resort or an OOM kill: no drain, no Lease release.</summary>
    public async Task KillAsync()
    {
        if (!_child.HasExited)
        {
            _child.Kill(entireProcessTree: false);
        }
        await _child.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end on its own (e.g. after losing its Lease).</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => _child.WaitForExitAsync().WaitAsync(timeout);

    /// <summary>Lines logging a GetRole answered NoSuchEntity (a role not created yet), counted apart.</summary>
    public int NoSuchEntityLines => Volatile.Read(ref _noSuchEntityLines);

    public static OperatorProcess Start(string kubeconfig, Uri awsEndpoint, Sandbox.Aws.Identity.AwsCredentials credentials, BenchSettings settings, int resyncSeconds, int? propagationMs = null, IEnumerable<string>? extraArgs = null)
    {
        var port = FreePort();
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(OperatorProcess).Assembly.Location);
        }
        foreach (var arg in new[]
        {
            OperatorChild.Verb, "--kubeconfig", kubeconfig, "--health-port", $"{port}", "--workers", $"{settings.Workers}",
            "--rate-limit", $"{settings.RateLimit}", "--burst", $"{settings.Burst}", "--parallel-accounts", $"{settings.ParallelAccounts}",
            "--resync-seconds", $"{resyncSeconds}", "--kube-qps", $"{settings.KubeQps}",
            // The grants benchmark sets the propagation window apart (its read-back is what makes a grant Active).
            "--propagation-ms", $"{propagationMs ?? -1}",
        })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var arg in extraArgs ?? [])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "KUBECONFIG" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ENDPOINT_URL"] = awsEndpoint.ToString();
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        return new OperatorProcess(Process.Start(start)!, port);
    }

    /// <summary>Waits until the operator's /readyz answers 200 (informers synced, controllers running).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_child.HasExited)
            {
                throw new InvalidOperationException($"The operator exited with {_child.ExitCode}: {string.Join(" | ", Warnings)}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HealthPort}/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("The operator did not become ready.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Whether the operator has nothing to do: from its /metrics, every work queue is empty and no reconcile is
    /// running (a reconcile still writing Events or status makes no AWS call, so AWS being quiet is not enough).
    /// </summary>
    public async Task<bool> IsIdleAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{HealthPort}/metrics"));
        var gauges = text.Split('\n')
            .Where(line => !line.StartsWith('#') && (line.Contains("workqueue_depth", StringComparison.Ordinal) || line.Contains("workqueue_longest_running", StringComparison.Ordinal)))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .ToList();
        if (gauges.Count == 0)
        {
            throw new InvalidOperationException("The operator's /metrics has no work queue gauges.");
        }
        return gauges.All(value => value == 0);
    }

    /// <summary>Stops the operator and returns its peak working set and managed heap (bytes) as it reported them.</summary>
    public async Task<(long PeakWorkingSet, long ManagedHeap)> StopAsync()
    {
        _child.StandardInput.Close();
        await _child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await _reader;
        var parts = (_memoryLine ?? throw new InvalidOperationException($"The operator exited with {_child.ExitCode} without reporting its memory.")).Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_child.HasExited)
        {
            _child.Kill(entireProcessTree: true);
            await _child.WaitForExitAsync();
        }
        _child.Dispose();
    }

    private async Task ReadAsync(StreamReader stream)
    {
        while (await stream.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(OperatorChild.Marker, StringComparison.Ordinal))
            {
                _memoryLine = line;
                continue;
            }
            if (line.Contains("GetRole", StringComparison.Ordinal) && line.Contains("NoSuchEntity", StringComparison.Ordinal))
            {
                // A cold create starts with GetRole answering NoSuchEntity; the AWS layer logs it as a Warning.
                Interlocked.Increment(ref _noSuchEntityLines);
                continue;
            }
            lock (_warnings)
            {
                WarningCount++;
                if (_warnings.Count < 5)
                {
                    _warnings.Add(line);
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
