namespace IrOperator.Sandbox.Kube.Security;

/// <summary>An authenticated user as the API server sees it (request.userInfo).</summary>
public sealed record KubeUser(string Username, IReadOnlyList<string> Groups)
{
    /// <summary>Every authenticated request also carries this group, as on the real server.</summary>
    public const string AuthenticatedGroup = "system:authenticated";

    public const string MastersGroup = "system:masters";
}
