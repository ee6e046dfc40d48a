using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Inventory;
using IrOperator.Aws.Resilience;
using IrOperator.Aws.Sts;

namespace IrOperator.Aws;

/// <summary>Everything the AWS access layer is configured with (section "Aws" of the operator's settings).</summary>
public sealed class AwsAccessOptions
{
    /// <summary>Profile for the operator's own identity; null uses the SDK's default chain (IRSA, Pod Identity, ...).</summary>
    public string? Profile { get; set; }

    /// <summary>
    /// Profile for Organizations reads (the management account or a delegated administrator); null uses the
    /// operator's own identity.
    /// </summary>
    public string? OrganizationsProfile { get; set; }

    /// <summary>
    /// The shared credentials file the profiles above are read from (its <c>config</c> beside it); null uses the
    /// standard places (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else ~/.aws).
    /// </summary>
    public string? CredentialsFile { get; set; }

    public AwsEndpointOptions Endpoints { get; set; } = new();

    public AwsResilienceOptions Resilience { get; set; } = new();

    public ProvisionerRoleOptions Provisioner { get; set; } = new();

    public AccountInventoryOptions Inventory { get; set; } = new();

    /// <summary>Timeout of one HTTP attempt (retries come on top).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
