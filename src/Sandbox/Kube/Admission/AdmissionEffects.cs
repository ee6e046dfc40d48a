namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// What admission adds to one request besides allowing or refusing it: warnings (sent as
/// <c>Warning: 299</c> headers, also on a refusal) and audit annotations (written into the request's
/// audit event, see docs/kube-emulator.md). As on the server, an annotation key is set once: a later
/// value for the same key is dropped.
/// </summary>
public sealed class AdmissionEffects
{
    private readonly Lock _gate = new();
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, string> _annotations = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_gate)
            {
                return [.. _warnings];
            }
        }
    }

    public IReadOnlyDictionary<string, string> AuditAnnotations
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_annotations, StringComparer.Ordinal);
            }
        }
    }

    public void Warn(string text)
    {
        lock (_gate)
        {
            if (!_warnings.Contains(text, StringComparer.Ordinal))
            {
                _warnings.Add(text);
            }
        }
    }

    public void Annotate(string key, string value)
    {
        lock (_gate)
        {
            _annotations.TryAdd(key, value);
        }
    }
}
