using Microsoft.Extensions.Hosting;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The emulator runs inside another program (the sandbox, a test run): it must not install
/// ASP.NET Core's console lifetime, which takes over Ctrl-C and SIGTERM, cancels the process's own
/// handling of them and stops only this server. The program that embeds the emulator owns the signals.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
