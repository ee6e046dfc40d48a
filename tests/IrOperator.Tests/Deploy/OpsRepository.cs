namespace IrOperator.Tests.Deploy;

/// <summary>Files of the repository the test runs from (found by walking up to IrOperator.sln), for tests of deploy/ and docs/.</summary>
internal static class OpsRepository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IrOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no IrOperator.sln above {AppContext.BaseDirectory}");
    }
}
