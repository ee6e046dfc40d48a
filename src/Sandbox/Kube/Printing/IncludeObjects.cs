namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>Parses the <c>includeObject</c> query parameter.</summary>
public static class IncludeObjects
{
    /// <summary>None, Metadata or Object (case-sensitive, as the server); absent or empty means Metadata.</summary>
    public static bool TryParse(string? value, out IncludeObject include)
    {
        switch (value)
        {
            case null or "" or "Metadata":
                include = IncludeObject.Metadata;
                return true;
            case "None":
                include = IncludeObject.None;
                return true;
            case "Object":
                include = IncludeObject.Object;
                return true;
            default:
                include = IncludeObject.Metadata;
                return false;
        }
    }
}
