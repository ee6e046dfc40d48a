namespace IrOperator.Tests.Deploy;

/// <summary>Where the operations kit's template tests find Helm.</summary>
internal static class OpsChart
{
    public static string Helm { get; } = FindHelm();

    /// <summary>helm on PATH, else in .ci/install-tools' folder (the tests also run outside .ci/run).</summary>
    private static string FindHelm()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "helm")))
            {
                return Path.Combine(dir, "helm");
            }
        }
        var tools = Environment.GetEnvironmentVariable("IROPERATOR_TOOLS_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "iroperator-tools");
        return Path.Combine(tools, "bin", "helm");
    }
}
