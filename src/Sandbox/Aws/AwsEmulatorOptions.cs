using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Organizations;
using Microsoft.Extensions.Logging;

namespace IrOperator.Sandbox.Aws;

/// <summary>How to start an <see cref="AwsEmulator"/>.</summary>
public sealed record AwsEmulatorOptions
{
    /// <summary>
    /// The clock of the simulated AWS: policy conditions (aws:CurrentTime), session issue and expiry,
    /// and eventual-consistency delays. Tests pass a FakeTimeProvider.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The clock SigV4 freshness (the 5-minute window) is checked against. It stays the real clock
    /// even when <see cref="Clock"/> is fake, because clients sign with the machine's time.
    /// </summary>
    public TimeProvider SigningClock { get; init; } = TimeProvider.System;

    public OrganizationModel Organization { get; init; } = SampleOrganization.Create();

    public IamLimits Limits { get; init; } = new();

    /// <summary>0 picks a free port on 127.0.0.1.</summary>
    public int Port { get; init; }

    /// <summary>Seed for the random fault injection; null for a random seed.</summary>
    public int? FaultSeed { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }
}
