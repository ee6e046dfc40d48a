namespace IrOperator.Sandbox.Kube.Patching;

/// <summary>A JSON patch that cannot be applied (the server answers 422).</summary>
public sealed class JsonPatchException : Exception
{
    public JsonPatchException()
    {
    }

    public JsonPatchException(string message)
        : base(message)
    {
    }

    public JsonPatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
