using IrOperator.Resources;

namespace IrOperator.Cli.Plan;

/// <summary>What <see cref="ManifestValidator"/> found: the ResponderRoles and BreakGlassGrants that passed, errors and notes.</summary>
public sealed record ValidatedManifests(
    IReadOnlyList<(ManifestDocument Document, ResponderRole Role)> Roles,
    IReadOnlyList<(ManifestDocument Document, BreakGlassGrant Grant)> Grants,
    IReadOnlyList<PlanProblem> Errors,
    IReadOnlyList<PlanProblem> Notes);
