using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.OpenApi;

namespace IrOperator.Sandbox.Kube.Resources;

/// <summary>
/// The resources the emulator serves right now: built-ins plus every established CRD. Discovery and
/// OpenAPI are derived from it, so they change the moment a CRD is created, updated or deleted.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (JsonObject Crd, IReadOnlyList<ResourceType> Types)> _crds = new(StringComparer.Ordinal);
    private readonly OpenApiV3Builder _openApi = new();
    private IReadOnlyList<ResourceType> _all = BuiltInResources.All;
    private OpenApiV3Snapshot? _openApiSnapshot;

    public IReadOnlyList<ResourceType> All => Volatile.Read(ref _all);

    /// <summary>The OpenAPI v3 documents for the current set, built on first use after a change.</summary>
    public OpenApiV3Snapshot OpenApi
    {
        get
        {
            lock (_gate)
            {
                return _openApiSnapshot ??= _openApi.Build(_crds.Values.Select(c => (JsonNode)c.Crd));
            }
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>Any served version of a resource (for storage-level work such as dropping a CRD's objects).</summary>
    public ResourceType? FindAnyVersion(string group, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Plural == plural);

    public void SetCrd(string name, JsonObject crd, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            _crds[name] = ((JsonObject)crd.DeepClone(), types);
            Rebuild();
        }
    }

    public void RemoveCrd(string name)
    {
        lock (_gate)
        {
            if (_crds.Remove(name))
            {
                Rebuild();
            }
        }
    }

    private void Rebuild()
    {
        Volatile.Write(ref _all, BuiltInResources.All.Concat(_crds.Values.SelectMany(c => c.Types)).ToList());
        _openApiSnapshot = null;
    }
}
