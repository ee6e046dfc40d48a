using System.Net;
using System.Net.Sockets;

namespace IrOperator.Sandbox.Kube.Faults;

/// <summary>
/// A loopback TCP relay between one client (an operator replica) and the Kubernetes API emulator (TLS passes through
/// untouched). <see cref="Cut"/> partitions the client from the API server: open connections are reset and new ones
/// closed at once, so a leader's Lease renewals fail and it gives up leadership, as a leader cut off from its API
/// server does. Used by the hand-over tests and the chaos run.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.Close(0);
            }
            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            if (_cut)
            {
                inbound.Client.Close(0);
                inbound.Dispose();
                continue;
            }
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        using (inbound)
        {
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                lock (_open)
                {
                    if (_cut)
                    {
                        return;
                    }
                    _open.Add(inbound);
                    _open.Add(outbound);
                }
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), done.Token);
                var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Cut or closed: the replica sees a reset connection.
            }
            finally
            {
                lock (_open)
                {
                    _open.Remove(inbound);
                    _open.Remove(outbound);
                }
            }
        }
    }
}
