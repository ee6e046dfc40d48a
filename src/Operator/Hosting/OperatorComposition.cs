using IrOperator.Aws;
using IrOperator.Aws.Iam;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers;
using IrOperator.Controllers.Grants;
using IrOperator.Controllers.ResponderRoles;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace IrOperator.Hosting;

/// <summary>
/// The composition root of `iroperator run` (and of the sandbox, which runs the same code): the process-wide
/// services (the AWS layer from the "Aws" settings section, the per-(role, account) apply locks) and the
/// controllers built on them each leadership term. See docs/architecture.md.
/// </summary>
public static class OperatorComposition
{
    /// <summary>
    /// Builds the process-wide services. Credentials and profiles are resolved here, so a missing profile
    /// fails the start (exit 1, the message naming the profile) instead of every reconcile.
    /// </summary>
    public static ServiceProvider Services(OperatorSettings settings, TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton(log);
        services.AddIrOperatorAws(settings.Aws);
        services.AddSingleton(settings.ResponderRoles);
        // One apply path per (role, account) for every controller that writes IAM roles (docs/architecture.md).
        services.AddSingleton<RoleApplyLocks>();
        services.AddSingleton<RoleWriteMemory>();
        // The role's apply path reports to the grants through it (docs/grants.md).
        services.AddSingleton<GrantAccessLedger>();
        services.AddSingleton(settings.Grants);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<AwsClientFactory>();
        return provider;
    }

    /// <summary>The controllers `run` starts, built fresh each term on that term's shared informers.</summary>
    public static ControllerRegistry Controllers(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new ControllerRegistry()
            .Add(context => ResponderRoleController.Create(
                context,
                services.GetRequiredService<AccountInventory>(),
                services.GetRequiredService<IIamClientFactory>(),
                services.GetRequiredService<RoleApplyLocks>(),
                services.GetRequiredService<RoleWriteMemory>(),
                services.GetRequiredService<ResponderRoleOptions>(),
                services.GetRequiredService<GrantAccessLedger>()))
            .Add(context => GrantController.Create(
                context,
                services.GetRequiredService<AccountInventory>(),
                services.GetRequiredService<GrantAccessLedger>(),
                services.GetRequiredService<GrantOptions>()));
    }
}
