namespace IrOperator.Controllers.Grants;

/// <summary>One entry of the break-glass access log: a Kubernetes Event (type, reason, message) mirrored as an audit line.</summary>
public sealed record GrantEvent(string Type, string Reason, string Message)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
