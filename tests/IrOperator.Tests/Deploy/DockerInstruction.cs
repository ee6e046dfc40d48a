namespace IrOperator.Tests.Deploy;

/// <summary>One Dockerfile instruction: its keyword (upper case) and the rest of the line.</summary>
internal sealed record DockerInstruction(string Keyword, string Argument);
