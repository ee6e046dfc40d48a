using System.CommandLine;
using IrOperator.Hosting;
using IrOperator.Kube;
using k8s;
using k8s.Exceptions;

namespace IrOperator.Cli.Grants;

/// <summary>
/// <c>--kubeconfig</c>, <c>--context</c> and <c>-n/--namespace</c>, read as kubectl reads them: the flag, else
/// <c>$KUBECONFIG</c> (its first existing file), else <c>~/.kube/config</c>, else the in-cluster service account;
/// the namespace from the flag, else the context's, else <c>default</c>. Recursive, so they go before or after
/// the verb.
/// </summary>
public sealed class ConnectionOptions
{
    // A person waits on the other end: retry a flaky server briefly, never for minutes.
    private static readonly KubeClientOptions ClientOptions = new() { Qps = 0, MaxRetries = 3, RetryMaxDelay = TimeSpan.FromSeconds(3) };

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).",
        Recursive = true,
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "Kubeconfig context to use (default: the current context).",
        Recursive = true,
    };

    public Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "Namespace of the grants (default: the context's namespace, else default).",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
    }

    /// <summary>A client for the selected context and the namespace to work in.</summary>
    public GrantSession Connect(ParseResult parse, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var config = Configuration(parse.GetValue(Kubeconfig), parse.GetValue(Context));
        var ns = parse.GetValue(Namespace);
        if (string.IsNullOrEmpty(ns))
        {
            ns = string.IsNullOrEmpty(config.Namespace) ? "default" : config.Namespace;
        }
        return new GrantSession(KubeClientFactory.Create(config, ClientOptions, time), ns);
    }

    private static KubernetesClientConfiguration Configuration(string? kubeconfig, string? context)
    {
        var files = Files(kubeconfig);
        if (files.Count == 0)
        {
            if (KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }
            throw new GrantCliException(
                "no kubeconfig found: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config (for the sandbox: export KUBECONFIG=.sandbox/kubeconfig)");
        }
        try
        {
            // The first file of $KUBECONFIG is read, as the operator reads it (kubectl merges the list).
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(files[0], string.IsNullOrEmpty(context) ? null : context);
        }
        catch (KubeConfigException e)
        {
            throw new GrantCliException($"kubeconfig {files[0]}: {e.Message}");
        }
    }

    private static List<string> Files(string? kubeconfig)
    {
        if (!string.IsNullOrEmpty(kubeconfig))
        {
            return File.Exists(kubeconfig) ? [kubeconfig] : throw new GrantCliException($"--kubeconfig {kubeconfig}: no such file");
        }
        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return [.. fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists)];
        }
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(home) ? [home] : [];
    }
}
