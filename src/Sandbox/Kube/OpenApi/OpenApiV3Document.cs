namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>
/// One group-version document, serialized once. Serve <see cref="Json"/> at <c>/openapi/v3/&lt;Path&gt;</c>;
/// when the request's <c>hash</c> equals <see cref="Hash"/> the real server adds
/// <c>Cache-Control: public, immutable</c> (kubectl caches it on disk under that URL).
/// </summary>
/// <param name="Path">The index key, e.g. <c>apis/iroperator.io/v1alpha1</c> or <c>api/v1</c>.</param>
public sealed record OpenApiV3Document(string Path, string Json, string Hash)
{
    public string ServerRelativeUrl => $"/openapi/v3/{Path}?hash={Hash}";
}
