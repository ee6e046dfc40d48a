using System.Text;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// Writes files that hold credentials (kubeconfig tokens, AWS keys) readable by their owner only,
/// from the moment they exist: creating the file with the default umask and narrowing it afterwards
/// would leave a window in which other users could read it.
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies to a new file only; an existing one is narrowed before it is rewritten.
            options.UnixCreateMode = OwnerReadWrite;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, OwnerReadWrite);
            }
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }
}
