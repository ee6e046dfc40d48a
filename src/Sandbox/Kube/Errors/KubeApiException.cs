using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Errors;

/// <summary>A request the emulator refuses; <see cref="Status"/> is the <c>Status</c> object the client receives.</summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(JsonObject status)
        : base(status?["message"]?.GetValue<string>() ?? "request failed")
    {
        Status = status!;
        Code = status?["code"]?.GetValue<int>() ?? 500;
    }

    public KubeApiException()
        : this(StatusObjects.Failure(500, "InternalError", "request failed"))
    {
    }

    public KubeApiException(string message)
        : this(StatusObjects.Failure(500, "InternalError", message))
    {
    }

    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusObjects.Failure(500, "InternalError", message);
        Code = 500;
    }

    public JsonObject Status { get; }

    public int Code { get; }
}
