namespace IrOperator.Sandbox.Kube.Security;

/// <summary>
/// The user a request runs as (request.userInfo): the authenticated caller, or, when the caller sent
/// Impersonate-* headers that were allowed, the impersonated user with <see cref="ImpersonatedBy"/>
/// naming the caller. Authorization, admission and the audit log all read this one record (see
/// docs/kube-emulator.md, "Authentication, impersonation and RBAC").
/// </summary>
public sealed record KubeUser(string Username, IReadOnlyList<string> Groups)
{
    /// <summary>Every authenticated request also carries this group, as on the real server.</summary>
    public const string AuthenticatedGroup = "system:authenticated";

    /// <summary>Anonymous requests (no token on /version, /healthz) carry this group.</summary>
    public const string UnauthenticatedGroup = "system:unauthenticated";

    public const string MastersGroup = "system:masters";

    public const string Anonymous = "system:anonymous";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The user's uid, when the authenticator or the Impersonate-Uid header gave one.</summary>
    public string? Uid { get; init; }

    /// <summary>Extra attributes (user.Info.Extra), e.g. from Impersonate-Extra-* headers.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = NoExtra;

    /// <summary>
    /// The authenticated caller when this user is impersonated (audit's <c>user</c>; this record is then
    /// its <c>impersonatedUser</c>); null when the request runs as its caller.
    /// </summary>
    public KubeUser? ImpersonatedBy { get; init; }

    /// <summary>Who authenticated: the caller, impersonating or not.</summary>
    public KubeUser Authenticated => ImpersonatedBy ?? this;

    public bool InGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);
}
