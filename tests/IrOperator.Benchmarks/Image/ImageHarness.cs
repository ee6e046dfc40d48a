using System.Diagnostics;
using System.Globalization;
using IrOperator.Benchmarks.Runtime;
using IrOperator.Controllers.Grants;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube;
using k8s;
using k8s.Models;

namespace IrOperator.Benchmarks.Image;

/// <summary>
/// `image`: compares published builds of the operator (docs/image.md) — size on disk, start-up time to ready and
/// working set with N cached objects. Both emulators run in this process; N BreakGlassGrants naming a role that
/// does not exist are created, a first operator run denies them all (unthrottled), and then each build is started
/// `--runs` times in turn against that steady state: time from process start to /readyz 200, then the working set
/// once the grant controller has reconciled every cached grant once (no writes: they are all Denied).
///
///   dotnet run -c Release --project tests/IrOperator.Benchmarks -- image --build default=/tmp/a --build trimmed=/tmp/b
/// </summary>
internal static class ImageHarness
{
    public const string Verb = "image";
    private const string Namespace = "image-bench";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var builds = Builds(args);
        var objects = RuntimeScaleHarness.IntArg(args, "--objects", 10_000);
        var runs = RuntimeScaleHarness.IntArg(args, "--runs", 3);
        Console.WriteLine($"image harness: {objects} grants cached, {runs} runs per build, {Environment.ProcessorCount} CPUs");

        await using var kube = await KubeApiEmulator.StartAsync(
            new KubeEmulatorOptions { Users = SandboxUsers.All, HistorySize = (objects * 3) + 1000 }, CancellationToken.None);
        kube.InstallCrds(CrdGenerator.GenerateAll());
        SandboxRbac.Apply(kube);
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions());
        var key = aws.CredentialsOf("111111111111", AwsEmulator.OperatorUser);
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = key.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = key.SecretAccessKey,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString(),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        var kubeconfig = kube.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"iroperator-image-{Environment.ProcessId}.kubeconfig"), SandboxOperator.KubeContext);
        try
        {
            using var admin = kube.CreateClient();
            await CreateGrantsAsync(admin, objects);
            await DenyAllAsync(builds[0].Executable, kubeconfig, environment, admin, objects);

            Console.WriteLine("build      size-MB  ready-s (each run)        working-set-MB (each run)");
            foreach (var build in builds)
            {
                var ready = new List<double>();
                var memory = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    await using var running = PublishedOperator.Start(build.Executable, kubeconfig, environment);
                    ready.Add((await running.WaitReadyAsync(Timeout)).TotalSeconds);
                    var settled = Stopwatch.StartNew();
                    while (await running.ReconcilesAsync(GrantController.Name) < objects)
                    {
                        if (settled.Elapsed > Timeout)
                        {
                            throw new TimeoutException($"{build.Name} did not reconcile every cached grant");
                        }
                        await Task.Delay(200);
                    }
                    memory.Add(running.WorkingSet() / 1048576.0);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{build.Name,-10} {build.SizeMegabytes,7:F1}  {string.Join(" ", ready.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))),-24}  {string.Join(" ", memory.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}"));
            }
            return 0;
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static List<PublishedBuild> Builds(string[] args)
    {
        var builds = new List<PublishedBuild>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--build")
            {
                var (name, folder) = (args[i + 1].Split('=', 2)[0], args[i + 1].Split('=', 2)[1]);
                builds.Add(new PublishedBuild(name, Path.Combine(folder, "iroperator"), Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1048576.0));
            }
        }
        return builds.Count > 0 ? builds : throw new ArgumentException("give at least one --build name=<publish folder>");
    }

    private static async Task CreateGrantsAsync(IKubernetes admin, int objects)
    {
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        var created = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, objects).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await admin.CustomObjects.CreateNamespacedCustomObjectAsync(Grant(i), IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural);
            }
            finally
            {
                gate.Release();
            }
        }));
        Console.WriteLine($"created {objects} grants in {created.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>A first run, unthrottled, takes every grant to Denied (its role does not exist): the steady state measured.</summary>
    private static async Task DenyAllAsync(string executable, string kubeconfig, Dictionary<string, string> environment, IKubernetes admin, int objects)
    {
        var denied = Stopwatch.StartNew();
        await using var running = PublishedOperator.Start(executable, kubeconfig, environment, "--qps", "0", "--workers", "8");
        await running.WaitReadyAsync(Timeout);
        while (denied.Elapsed < Timeout)
        {
            var list = await admin.CustomObjects.ListNamespacedCustomObjectAsync<ResourceList<BreakGlassGrant>>(
                IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural);
            if ((list.Items ?? []).Count(g => g.Status?.Phase == GrantPhase.Denied) == objects)
            {
                Console.WriteLine($"denied {objects} grants in {denied.Elapsed.TotalSeconds:F1} s");
                return;
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException("the first run did not deny every grant");
    }

    private static BreakGlassGrant Grant(int i) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"grant-{i:D5}", NamespaceProperty = Namespace },
        Spec = new BreakGlassGrantSpec
        {
            Role = "no-such-role",
            PrincipalArn = "arn:aws:iam::222222222222:role/responder",
            RequestedBy = "alice",
            Accounts = ["333333333333"],
            Duration = "30m",
            Incident = $"INC-{i}",
            Reason = "image harness: a cached object the operator has nothing to do for",
        },
    };

    private sealed record PublishedBuild(string Name, string Executable, double SizeMegabytes);
}
