using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IrOperator.Benchmarks.Image;

/// <summary>
/// One published `iroperator run` process of the image harness: when it started, its health endpoint (from its
/// start-up log line), its /metrics, and its resident memory as the kernel counts it (VmRSS, the working set).
/// </summary>
internal sealed partial class PublishedOperator : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _health = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _lastLines = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private PublishedOperator(Process process)
    {
        _process = process;
        Started = Stopwatch.StartNew();
    }

    public Stopwatch Started { get; }

    public static PublishedOperator Start(string executable, string kubeconfig, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "run", "--kubeconfig", kubeconfig, "--health-address", "127.0.0.1", "--health-port", "0", "--leader-elect", "false", "--log-level", "Information" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in new[] { "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "KUBECONFIG" })
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        var running = new PublishedOperator(process);
        process.OutputDataReceived += (_, e) => running.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => running.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for /readyz to answer 200; returns the time from process start.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with {_process.ExitCode}:\n{string.Join('\n', _lastLines)}");
            }
            try
            {
                if (!_health.Task.IsCompleted)
                {
                    throw new HttpRequestException("no health endpoint logged yet");
                }
                using var response = await _http.GetAsync(new Uri(await _health.Task, "readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return Started.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (Started.Elapsed > timeout)
            {
                throw new TimeoutException("the operator did not become ready");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Reconciles finished by <paramref name="controller"/> so far, from /metrics.</summary>
    public async Task<long> ReconcilesAsync(string controller)
    {
        var text = await _http.GetStringAsync(new Uri(await _health.Task, "metrics"));
        return ReconcileLine().Matches(text)
            .Where(m => m.Groups["labels"].Value.Contains($"controller=\"{controller}\"", StringComparison.Ordinal))
            .Sum(m => (long)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Resident set size in bytes (VmRSS of /proc/pid/status).</summary>
    public long WorkingSet()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 20)
            {
                _lastLines.TryDequeue(out _);
            }
        }
        if (line is null || !line.StartsWith('{') || !line.Contains("\"Endpoint\"", StringComparison.Ordinal))
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
            // A line that is not a log event.
        }
    }

    [GeneratedRegex(@"^\w*reconcile_total(_total)?\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReconcileLine();
}
