using IrOperator.Sandbox.Hosting;

namespace IrOperator.Tests.SandboxHosting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are a Unix notion
public sealed class OwnerOnlyFileTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _dir = Directory.CreateTempSubdirectory("owner-only-").FullName;

    [Fact]
    public void A_new_credentials_file_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(_dir, "credentials");

        OwnerOnlyFile.Write(path, "secret");

        File.GetUnixFileMode(path).Should().Be(OwnerReadWrite);
        File.ReadAllText(path).Should().Be("secret");
    }

    [Fact]
    public void An_existing_world_readable_file_is_narrowed_and_rewritten()
    {
        var path = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(path, "an older, longer content");
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        OwnerOnlyFile.Write(path, "new");

        File.GetUnixFileMode(path).Should().Be(OwnerReadWrite);
        File.ReadAllText(path).Should().Be("new");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
