namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>The <c>/openapi/v2</c> body in both encodings the server offers: JSON and gnostic protobuf.</summary>
public sealed record OpenApiV2Document(string Json, byte[] Protobuf)
{
    /// <summary>
    /// The protobuf response's Content-Type. Clients ask for <c>...spec.v2@v1.0+protobuf</c>, but the '@'
    /// makes it an invalid media type that Go's mime parser refuses, so the server answers with the
    /// dotted form (kube-openapi's handler does the same).
    /// </summary>
    public const string ProtobufMediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
}
