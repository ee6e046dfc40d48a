using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Audit;

/// <summary>
/// The API server's audit log backend (<c>--audit-log-path</c>, JSON format): one audit.k8s.io/v1
/// Event per line, appended. Every request that changes state is recorded at Metadata level; reads
/// (get, list, watch, discovery) at <see cref="Reads"/>; a request refused for want of credentials
/// always. Lines are written whole under a lock, so concurrent requests never interleave
/// (docs/kube-emulator.md).
/// </summary>
public sealed class AuditLog : IDisposable
{
    // A log is read by people and grep: quotes as \" and no escaping of <, >, & or non-ASCII, as the server's Go encoder writes them.
    private static readonly JsonSerializerOptions LineFormat = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> ReadVerbs = new(StringComparer.Ordinal) { "get", "list", "watch" };

    private readonly FileStream _stream;
    private readonly Lock _gate = new();
    private bool _disposed;

    public AuditLog(string path, AuditLevel reads)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        Reads = reads;
        if (System.IO.Path.GetDirectoryName(Path) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    public string Path { get; }

    public AuditLevel Reads { get; }

    /// <summary>Whether a request with this verb and response code is recorded.</summary>
    public bool Records(string verb, int code) =>
        code == 401 || !ReadVerbs.Contains(verb) || Reads != AuditLevel.None;

    /// <summary>Appends one event as one line.</summary>
    public void Write(JsonObject auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var line = Encoding.UTF8.GetBytes(auditEvent.ToJsonString(LineFormat) + "\n");
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _stream.Write(line);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }
}
