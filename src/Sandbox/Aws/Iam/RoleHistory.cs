namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// The versions of one role name, oldest first (a null version is a deletion). Writers always see
/// the latest version, as IAM's control plane does; readers and AssumeRole see the newest version
/// that is at least the consistency delay old, which is how IAM's eventual consistency looks from
/// outside (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
/// </summary>
public sealed class RoleHistory
{
    private const int Kept = 32;
    private readonly List<(DateTimeOffset At, IamRole? Role)> _versions = [];
    private bool _pruned;

    public IamRole? Latest => _versions.Count == 0 ? null : _versions[^1].Role;

    public void Write(DateTimeOffset at, IamRole? role)
    {
        _versions.Add((at, role));

        // Bounded memory for a role written often: older versions go, and a reader that would
        // have needed one of them gets the oldest version kept instead.
        if (_versions.Count > Kept)
        {
            _versions.RemoveRange(0, _versions.Count - Kept);
            _pruned = true;
        }
    }

    public IamRole? VisibleAt(DateTimeOffset now, TimeSpan delay)
    {
        for (var index = _versions.Count - 1; index >= 0; index--)
        {
            if (_versions[index].At + delay <= now)
            {
                return _versions[index].Role;
            }
        }

        return _pruned ? _versions[0].Role : null;
    }
}
