using System.CommandLine;
using IrOperator.Aws;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace IrOperator.Cli.Plan;

/// <summary>
/// `iroperator plan -f &lt;files or folders&gt;`: what the operator would do with these manifests, without doing
/// it (docs/gitops.md). Offline by default: accounts from <c>--accounts</c> (the sandbox's accounts.json
/// format) and, with <c>--base</c>, the IAM state the base manifests would have produced (else every role is
/// planned as new). <c>--live</c> reads the organization and each account's IAM role with the operator's own
/// AWS clients and settings, so the plan is a real diff. Exit codes: 0 no changes (or changes without
/// <c>--detailed-exitcode</c>), 1 invalid input or a failed read, 2 changes with <c>--detailed-exitcode</c>.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "Manifest files or folders (folders recursively: *.yaml, *.yml). Repeat or list several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var baseFiles = new Option<string[]>("--base")
        {
            Description = "Manifests of the state to compare with (e.g. the target branch's), offline: the plan shows what changes from them.",
            AllowMultipleArgumentsPerToken = true,
        };
        var accounts = new Option<string?>("--accounts")
        {
            Description = "The organization as a file in the sandbox's accounts.json format; needed offline for OU and tag selectors.",
        };
        var live = new Option<bool>("--live")
        {
            Description = "Read the organization and each account's IAM role from AWS (the operator's clients, settings and profiles, as `run`).",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "text (default) or json (the shape in docs/gitops.md).",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");
        var detailed = new Option<bool>("--detailed-exitcode")
        {
            Description = "Exit 2 when the plan has changes (0: none, 1: invalid input or a failed read).",
        };
        var flags = new SettingFlags(
        [
            (new Option<string>("--cluster-id") { Description = "The operator's cluster id (ownership tag), as configured for `run` (default: default)." }, "ResponderRoles:ClusterId"),
            (new Option<string>("--default-permissions-boundary") { Description = "The operator's default permissions boundary, as configured for `run` ({accountId} for each account's own; docs/responder-roles.md)." }, "ResponderRoles:DefaultPermissionsBoundary"),
            (new Option<string>("--aws-profile") { Description = "AWS profile of the operator's identity (--live; default: the SDK's chain)." }, "Aws:Profile"),
            (new Option<string>("--aws-organizations-profile") { Description = "AWS profile for Organizations reads (--live; default: the operator's identity)." }, "Aws:OrganizationsProfile"),
            (new Option<string>("--aws-credentials-file") { Description = "Shared credentials file the profiles are read from, its config beside it (--live; default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws)." }, "Aws:CredentialsFile"),
            (new Option<string>("--aws-region") { Description = "AWS region (--live; default: AWS_REGION, else us-east-1)." }, "Aws:Endpoints:Region"),
            (new Option<string>("--provisioner-role-name") { Description = "Role assumed in each member account to read IAM (--live; default IrOperatorProvisioner)." }, "Aws:Provisioner:RoleName"),
            (new Option<string>("--provisioner-role-path") { Description = "IAM path of the provisioner role (--live; default /)." }, "Aws:Provisioner:RolePath"),
        ]);
        var command = new Command("plan", "Show the IAM calls the operator would make for ResponderRole and BreakGlassGrant manifests, without making them.")
        {
            files, baseFiles, accounts, live, output, detailed,
        };
        flags.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = flags.Given(parse);

            var request = new PlanRequest(
                parse.GetValue(files) ?? [],
                parse.GetValue(baseFiles),
                parse.GetValue(accounts),
                parse.GetValue(live),
                parse.GetValue(output) == "json",
                parse.GetValue(detailed));
            return await RunAsync(request, RunCommand.LoadSettings(overrides), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> RunAsync(PlanRequest request, Hosting.OperatorSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.Live && request.Base is { Length: > 0 })
        {
            await error.WriteLineAsync("iroperator plan: --live compares with AWS and --base with other manifests; give one of them").ConfigureAwait(false);
            return 1;
        }

        var options = new DesiredRoleOptions { ClusterId = settings.ResponderRoles.ClusterId, DefaultPermissionsBoundary = settings.ResponderRoles.DefaultPermissionsBoundary };
        var (documents, loadErrors) = ManifestLoader.Load(request.Files);
        var head = ManifestValidator.Validate(documents, options);
        head = head with { Errors = [.. loadErrors, .. head.Errors] };
        ValidatedManifests? @base = null;
        if (request.Base is { Length: > 0 } basePaths)
        {
            var (baseDocuments, baseLoadErrors) = ManifestLoader.Load(basePaths);
            @base = ManifestValidator.Validate(baseDocuments, options);
            @base = @base with { Errors = [.. baseLoadErrors, .. @base.Errors] };
        }

        Func<CancellationToken, Task<OrganizationSnapshot>>? organization = null;
        if (request.AccountsFile is { } accountsFile)
        {
            try
            {
                var snapshot = OrganizationFile.Parse(await File.ReadAllTextAsync(accountsFile, cancellationToken).ConfigureAwait(false), DateTimeOffset.UnixEpoch);
                organization = _ => Task.FromResult(snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                await error.WriteLineAsync($"iroperator plan: --accounts {accountsFile}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        var mode = request.Live ? "live" : @base is not null ? "base" : "offline";
        ServiceProvider? services = null;
        try
        {
            var observe = PlanSources.Nothing;
            if (request.Live)
            {
                services = LiveServices(settings);
                var factory = services.GetRequiredService<AwsClientFactory>();
                var inventory = services.GetRequiredService<AccountInventory>();
                organization ??= inventory.GetSnapshotAsync;
                observe = (account, roleName, ct) => ObservedRoleReader.ReadAsync(factory.Iam(account), roleName, ct);
            }

            var report = await PlanRunner.RunAsync(head, @base, new PlanSources(mode, organization, observe), options, settings.Grants.SourceIdentityRule(), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(request.Json ? PlanJsonWriter.Write(report) : PlanTextWriter.Write(report)).ConfigureAwait(false);
            return report.ExitCode(request.DetailedExitCode);
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonClientException or HttpRequestException or InvalidOperationException or AwsServiceException)
        {
            // Credentials or endpoints that do not work: nothing was planned.
            await error.WriteLineAsync($"iroperator plan: AWS could not be read: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (services is not null)
            {
                await services.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The operator's AWS layer (<see cref="AwsServiceCollectionExtensions.AddIrOperatorAws"/>) with a silent log: stdout carries the plan.</summary>
    private static ServiceProvider LiveServices(Hosting.OperatorSettings settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Serilog.ILogger>(new Serilog.LoggerConfiguration().CreateLogger());
        services.AddIrOperatorAws(settings.Aws);
        return services.BuildServiceProvider();
    }
}
