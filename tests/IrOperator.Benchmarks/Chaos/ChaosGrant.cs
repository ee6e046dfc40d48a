namespace IrOperator.Benchmarks.Chaos;

/// <summary>One grant of the chaos run, as the harness drives and checks it. Times are UTC.</summary>
internal sealed class ChaosGrant(int index, string name, string role, string[] accounts, string responder, int seconds, double? revokeAfterSeconds)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public string Role { get; } = role;

    public string[] Accounts { get; } = accounts;

    /// <summary>The IAM user the grant opens the role to, also its requester and source identity.</summary>
    public string Responder { get; } = responder;

    public int Seconds { get; } = seconds;

    /// <summary>Revoked this long after its approval, or never.</summary>
    public double? RevokeAfterSeconds { get; } = revokeAfterSeconds;

    public string? Sid { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public IrOperator.Resources.GrantPhase? Phase { get; set; }

    /// <summary>First moment the harness saw the statement in IAM (control plane), and the first after that it was gone everywhere.</summary>
    public DateTime? SeenAt { get; set; }

    public DateTime? GoneAt { get; set; }

    /// <summary>Sessions taken inside the window, per account, to check after the end.</summary>
    public Dictionary<string, Amazon.SecurityToken.Model.Credentials> Sessions { get; } = new(StringComparer.Ordinal);

    public bool InsideChecked { get; set; }

    public bool AfterChecked { get; set; }

    /// <summary>Ended (revoked) before the operator fixed its window: it never had access.</summary>
    public bool NeverOpened { get; set; }
}
