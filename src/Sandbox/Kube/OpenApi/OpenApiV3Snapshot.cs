namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>An immutable set of OpenAPI v3 documents: rebuild it when CRDs change, then swap it in.</summary>
public sealed class OpenApiV3Snapshot
{
    internal OpenApiV3Snapshot(string indexJson, IReadOnlyDictionary<string, OpenApiV3Document> documents)
    {
        IndexJson = indexJson;
        Documents = documents;
    }

    /// <summary>The <c>/openapi/v3</c> body: <c>{"paths": {"apis/g/v": {"serverRelativeURL": "…?hash=…"}}}</c>.</summary>
    public string IndexJson { get; }

    /// <summary>Documents by index key (<c>api/v1</c>, <c>apis/iroperator.io/v1alpha1</c>).</summary>
    public IReadOnlyDictionary<string, OpenApiV3Document> Documents { get; }

    /// <summary>Finds a document by the path after <c>/openapi/v3/</c> (query string ignored).</summary>
    public bool TryGetDocument(string path, out OpenApiV3Document document)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = path.Split('?')[0].Trim('/');
        if (key.StartsWith("openapi/v3/", StringComparison.Ordinal))
        {
            key = key["openapi/v3/".Length..];
        }

        return Documents.TryGetValue(key, out document!);
    }
}
