using System.Diagnostics;
using System.Text.RegularExpressions;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// Replays a Dockerfile build stage on this machine, where no container engine runs: its WORKDIR becomes a
/// temporary folder, each COPY copies from the repository (skipping bin/ and obj/, as .dockerignore does) and
/// each RUN runs there with `sh -c`, the stage's output folder mapped to a local one. What it runs is read
/// from the Dockerfile, so the test publishes exactly as the image build does.
/// </summary>
internal static class BuildStageReplay
{
    /// <summary>Replays <paramref name="stage"/>; returns the local folder standing for <paramref name="outputFolder"/>.</summary>
    public static async Task<string> RunAsync(DockerStage stage, string repositoryRoot, string outputFolder, string scratch, TimeSpan timeout)
    {
        var workdir = Path.Combine(scratch, "workdir");
        var output = Path.Combine(scratch, "out");
        Directory.CreateDirectory(workdir);
        foreach (var instruction in stage.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    break;
                case "COPY":
                    Copy(instruction.Argument, repositoryRoot, workdir);
                    break;
                case "RUN":
                    var command = OutputPattern(outputFolder).Replace(instruction.Argument, output);
                    await ShellAsync(command, workdir, timeout);
                    break;
                default:
                    throw new NotSupportedException($"The replay does not know {instruction.Keyword} in the build stage.");
            }
        }
        return output;
    }

    private static void Copy(string argument, string repositoryRoot, string workdir)
    {
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var target = Path.Combine(workdir, parts[^1]);
        foreach (var source in parts[..^1].Select(p => Path.Combine(repositoryRoot, p)))
        {
            if (Directory.Exists(source))
            {
                CopyTree(source, parts[^1].EndsWith('/') ? target : Path.Combine(target, Path.GetFileName(source)));
            }
            else
            {
                Directory.CreateDirectory(target);
                File.Copy(source, Path.Combine(target, Path.GetFileName(source)), overwrite: true);
            }
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        foreach (var folder in Directory.EnumerateDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyTree(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    private static async Task ShellAsync(string command, string workdir, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("sh") { WorkingDirectory = workdir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static Regex OutputPattern(string outputFolder) => new($@"(?<=\s|^){Regex.Escape(outputFolder)}(?=/|\s|$)");
}
