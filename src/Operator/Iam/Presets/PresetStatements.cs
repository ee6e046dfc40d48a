using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Presets;

/// <summary>Small helpers that keep the preset definitions readable.</summary>
internal static class PresetStatements
{
    public static PolicyStatement Allow(string sid, IReadOnlyList<string> actions, params IReadOnlyList<string> resources) => new()
    {
        Sid = sid,
        Effect = PolicyEffect.Allow,
        Action = actions,
        Resource = resources.Count == 0 ? ["*"] : resources,
    };
}
