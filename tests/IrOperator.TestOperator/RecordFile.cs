using System.Globalization;

namespace IrOperator.TestOperator;

/// <summary>
/// One line per reconcile start and stop: `start|stop key utcTicks`, flushed at once so the test can read it
/// while the process runs and after it has been killed.
/// </summary>
internal sealed class RecordFile(string path)
{
    private readonly object _gate = new();

    public void Write(string what, string key)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{what} {key} {DateTime.UtcNow.Ticks}\n");
        lock (_gate)
        {
            File.AppendAllText(path, line);
        }
    }
}
