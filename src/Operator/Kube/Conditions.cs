using k8s.Models;

namespace IrOperator.Kube;

/// <summary>
/// Standard status conditions (type, status, reason, message, observedGeneration, lastTransitionTime).
/// lastTransitionTime moves only when the status flips, so re-stating a condition is not a change and a
/// reconcile that finds nothing new writes nothing.
/// </summary>
public static class Conditions
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";

    /// <summary>Returns a new list where the condition of that type is replaced (or added), others kept in order.</summary>
    public static List<V1Condition> Set(
        IEnumerable<V1Condition>? existing, string type, string status, string reason, string message, long? observedGeneration, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (status is not (True or False or Unknown))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A condition's status must be True, False or Unknown.");
        }
        var list = existing?.ToList() ?? [];
        var index = list.FindIndex(c => c.Type == type);
        var previous = index >= 0 ? list[index] : null;
        var transition = previous is not null && previous.Status == status
            ? previous.LastTransitionTime
            : Truncate(time.GetUtcNow().UtcDateTime);
        var condition = new V1Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
            LastTransitionTime = transition,
        };
        if (index >= 0)
        {
            list[index] = condition;
        }
        else
        {
            list.Add(condition);
        }
        return list;
    }

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == True;

    // The API server keeps RFC 3339 seconds; keeping sub-seconds locally would make every read-back differ.
    private static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
