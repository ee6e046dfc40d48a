namespace IrOperator.Tests.Runtime.Support;

/// <summary>Waits for a condition with a deadline (never a fixed sleep), failing with what was last seen.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string>? describe = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, describe);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!await condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}. {describe?.Invoke()}");
            }
            await Task.Delay(20);
        }
    }
}
