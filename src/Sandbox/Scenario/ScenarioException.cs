namespace IrOperator.Sandbox.Scenario;

/// <summary>A step saw something other than what the story expects; the message says what.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
