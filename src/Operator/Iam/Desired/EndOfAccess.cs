namespace IrOperator.Iam.Desired;

/// <summary>
/// A requester's end of access on one role in one account (supplied by the grant work, issue 10):
/// sessions issued before <see cref="End"/> with this source identity are denied from <see cref="End"/>
/// on. With overlapping grants, End is the latest end among them. See docs/iam-model.md.
/// </summary>
public sealed record EndOfAccess(string SourceIdentity, DateTimeOffset End)
{
    /// <summary><c>IrEnd</c> + a short hash of the source identity.</summary>
    public string Sid => "IrEnd" + ShortHash.Of(SourceIdentity);
}
