using IrOperator.Aws.Credentials;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Iam;
using IrOperator.Aws.Inventory;
using IrOperator.Aws.Resilience;
using IrOperator.Aws.Sts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;

namespace IrOperator.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AWS access layer: endpoint resolution, credentials, the provisioner-role cache,
    /// <see cref="AwsClientFactory"/> (also as <see cref="IIamClientFactory"/>) and <see cref="AccountInventory"/>.
    /// Logs through the Serilog <see cref="ILogger"/> registered in the container (the static Log.Logger
    /// when none is); a TimeProvider is added (TimeProvider.System) unless one is registered.
    /// </summary>
    public static IServiceCollection AddIrOperatorAws(this IServiceCollection services, AwsAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Resilience.Validate();
        options.Provisioner.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => Log.Logger);
        services.AddSingleton(options);
        services.AddSingleton(_ => new AwsEndpointResolver(options.Endpoints, Environment.GetEnvironmentVariable, SdkCredentialSource.ProfileEndpointUrl(options.Profile, options.CredentialsFile)));
        services.AddSingleton(sp => new AwsResilience(options.Resilience, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => options.Profile is null ? SdkCredentialSource.FromDefaultChain() : SdkCredentialSource.FromProfile(options.Profile, options.CredentialsFile));
        services.AddSingleton(sp =>
        {
            var endpoints = sp.GetRequiredService<AwsEndpointResolver>();
            var sts = StsClientFactory.Create(sp.GetRequiredService<SdkCredentialSource>().Credentials, endpoints.Resolve(AwsService.Sts), options.Resilience);
            return new ProvisionerCredentials(sts, options.Provisioner, endpoints.Partition.Name, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger>());
        });
        services.AddSingleton(sp =>
        {
            IAwsCredentialSource organizations = options.OrganizationsProfile is null
                ? sp.GetRequiredService<SdkCredentialSource>()
                : SdkCredentialSource.FromProfile(options.OrganizationsProfile, options.CredentialsFile);
            return new AwsClientFactory(
                new HttpClient { Timeout = options.RequestTimeout },
                sp.GetRequiredService<AwsEndpointResolver>(),
                sp.GetRequiredService<AwsResilience>(),
                sp.GetRequiredService<ProvisionerCredentials>(),
                organizations,
                sp.GetRequiredService<ILogger>(),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IIamClientFactory>(sp => sp.GetRequiredService<AwsClientFactory>());
        services.AddSingleton(sp => new AccountInventory(
            sp.GetRequiredService<AwsClientFactory>().Organizations(),
            options.Inventory,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger>()));
        return services;
    }
}
