namespace IrOperator.Tests.Deploy;

/// <summary>One `FROM` stage of a Dockerfile and its instructions in order.</summary>
internal sealed record DockerStage(string Image, string? Name)
{
    public List<DockerInstruction> Instructions { get; } = [];

    /// <summary>The argument of the last instruction with <paramref name="keyword"/>, or null (Docker's "last one wins").</summary>
    public string? Last(string keyword) => Instructions.LastOrDefault(i => i.Keyword == keyword)?.Argument;
}
