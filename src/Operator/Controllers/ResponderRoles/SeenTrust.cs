namespace IrOperator.Controllers.ResponderRoles;

/// <summary>What one apply saw of and wrote to a role's trust policy (statement Sids), reported to the grants.</summary>
internal sealed class SeenTrust
{
    public IReadOnlySet<string>? Visible { get; set; }

    public IReadOnlySet<string>? Written { get; set; }
}
