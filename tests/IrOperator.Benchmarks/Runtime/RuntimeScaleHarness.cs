using System.Diagnostics;
using IrOperator.Sandbox.Kube;
using k8s;
using k8s.Models;

namespace IrOperator.Benchmarks.Runtime;

/// <summary>
/// `runtime`: hosts the Kubernetes API emulator in this process, creates the objects, then starts the
/// operator side in a child process (so its memory is the operator's alone) and prints its report.
/// </summary>
internal static class RuntimeScaleHarness
{
    public const string Verb = "runtime";

    public static async Task<int> RunAsync(string[] args)
    {
        var objects = IntArg(args, "--objects", 10_000);
        var samples = IntArg(args, "--samples", 300);
        var workers = IntArg(args, "--workers", 4);
        var pageSize = IntArg(args, "--page-size", 500);
        Console.WriteLine($"runtime harness: {objects} objects, {samples} latency samples, {workers} workers, {Environment.ProcessorCount} CPUs");

        await using var emulator = await KubeApiEmulator.StartAsync(
            new KubeEmulatorOptions { HistorySize = (objects * 2) + (samples * 4) }, CancellationToken.None);
        emulator.InstallCrds([BenchKind.Crd()]);
        using var client = emulator.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = BenchKind.Namespace } });

        var created = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, objects).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                        BenchKind.Object(i), BenchKind.Kind.Group, BenchKind.Kind.Version, BenchKind.Namespace, BenchKind.Kind.Plural);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        Console.WriteLine($"created {objects} objects in {created.Elapsed.TotalSeconds:F1} s");

        var kubeconfig = emulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"iroperator-bench-{Environment.ProcessId}.kubeconfig"));
        try
        {
            if (args.Contains(ColdStartSide.Flag))
            {
                return await RunChildAsync(
                    ColdStartSide.Verb, "--kubeconfig", kubeconfig, "--objects", $"{objects}", "--workers", $"{workers}",
                    "--qps", $"{IntArg(args, "--qps", 200)}", "--burst", $"{IntArg(args, "--burst", 30)}");
            }
            return await RunChildAsync(
                OperatorSide.Verb, "--kubeconfig", kubeconfig, "--objects", $"{objects}", "--samples", $"{samples}", "--workers", $"{workers}", "--page-size", $"{pageSize}");
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static async Task<int> RunChildAsync(params string[] args)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(RuntimeScaleHarness).Assembly.Location);
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var child = Process.Start(start)!;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine(line);
        }
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    internal static string? StringArg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
