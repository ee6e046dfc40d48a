namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>How the operator is configured in every scenario of one run (the same for all, so they compare).</summary>
internal sealed record BenchSettings(int Workers, int RateLimit, int Burst, int ParallelAccounts, int ResyncSeconds, int KubeQps);
