using System.Globalization;

namespace IrOperator.Tests.Runtime.Support;

/// <summary>One reconcile as the test operator's reconciler recorded it: which replica, which object, from when to when.</summary>
public sealed record ReconcileRecord(string Replica, string Key, long StartTicks, long? StopTicks)
{
    /// <summary>Pairs each `start` with the next `stop` of the same key; a start without a stop is still running (or was cut off).</summary>
    public static IReadOnlyList<ReconcileRecord> Read(string replica, string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var open = new Dictionary<string, long>();
        var records = new List<ReconcileRecord>();
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3)
            {
                continue; // a line cut short by a killed process
            }
            var ticks = long.Parse(parts[2], CultureInfo.InvariantCulture);
            if (parts[0] == "start")
            {
                open[parts[1]] = ticks;
            }
            else if (open.Remove(parts[1], out var started))
            {
                records.Add(new ReconcileRecord(replica, parts[1], started, ticks));
            }
        }
        records.AddRange(open.Select(o => new ReconcileRecord(replica, o.Key, o.Value, null)));
        return records;
    }

    /// <summary>The end of the reconcile: its stop record, else the moment its process ended (it cannot have run longer).</summary>
    public long EndTicks(long? processExitTicks) => StopTicks ?? processExitTicks ?? long.MaxValue;

    public override string ToString() =>
        $"{Replica} {Key} {new DateTime(StartTicks, DateTimeKind.Utc):HH:mm:ss.fff}-{(StopTicks is { } s ? new DateTime(s, DateTimeKind.Utc).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "(no stop)")}";
}
