using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Planning;

/// <summary>
/// IAM is eventually consistent: a read right after a write may still show the document that was
/// replaced. Such a read is propagation, not drift: rewriting would flap. The inputs are explicit;
/// the controller keeps the memory (<see cref="RecentWrites"/>). See docs/iam-model.md.
/// </summary>
public static class Propagation
{
    /// <summary>
    /// True when <paramref name="observed"/> (null: absent) is what <paramref name="write"/> replaced,
    /// and the write is younger than <paramref name="window"/>. A read that shows anything else (a
    /// third document) is drift, even inside the window.
    /// </summary>
    public static bool IsPropagation(PolicyDocument? observed, RecentWrite? write, DateTimeOffset now, TimeSpan window)
    {
        if (write is null || now - write.At >= window)
        {
            return false;
        }

        return write.Before is null ? observed is null : write.Before.SemanticallyEquals(observed);
    }
}
