using IrOperator.Cli;
using IrOperator.Hosting;

namespace IrOperator.Tests.Runtime;

public sealed class RunSettingsTests
{
    [Fact]
    public void Flags_override_environment_which_overrides_appsettings()
    {
        Environment.SetEnvironmentVariable("IROPERATOR_Qps", "7");
        Environment.SetEnvironmentVariable("IROPERATOR_LeaderElection__LeaseName", "from-env");
        try
        {
            var settings = RunCommand.LoadSettings(new Dictionary<string, string?> { ["LeaderElection:LeaseName"] = "from-flag" });

            settings.Qps.Should().Be(7, "the environment beats appsettings.json");
            settings.LeaderElection.LeaseName.Should().Be("from-flag");
            settings.HealthPort.Should().Be(8081, "appsettings.json and the defaults agree");
        }
        finally
        {
            Environment.SetEnvironmentVariable("IROPERATOR_Qps", null);
            Environment.SetEnvironmentVariable("IROPERATOR_LeaderElection__LeaseName", null);
        }
    }

    [Fact]
    public void The_Aws_and_ResponderRoles_sections_bind_from_flag_keys()
    {
        var settings = RunCommand.LoadSettings(new Dictionary<string, string?>
        {
            ["Aws:Profile"] = "ir-operator",
            ["Aws:OrganizationsProfile"] = "org-reader",
            ["Aws:Provisioner:RoleName"] = "Provisioner",
            ["Aws:Provisioner:RolePath"] = "/ir/",
            ["Aws:Inventory:RefreshInterval"] = "00:02:00",
            ["Aws:Resilience:DefaultRateLimit:PermitsPerSecond"] = "3",
            ["ResponderRoles:ResyncInterval"] = "00:03:00",
            ["ResponderRoles:MaxParallelAccounts"] = "16",
            ["ResponderRoles:ClusterId"] = "prod-eu",
        });

        settings.Aws.Profile.Should().Be("ir-operator");
        settings.Aws.OrganizationsProfile.Should().Be("org-reader");
        settings.Aws.Provisioner.RoleArn("aws", "333333333333").Should().Be("arn:aws:iam::333333333333:role/ir/Provisioner");
        settings.Aws.Inventory.RefreshInterval.Should().Be(TimeSpan.FromMinutes(2));
        settings.Aws.Resilience.DefaultRateLimit.PermitsPerSecond.Should().Be(3);
        settings.ResponderRoles.ResyncInterval.Should().Be(TimeSpan.FromMinutes(3));
        settings.ResponderRoles.MaxParallelAccounts.Should().Be(16);
        settings.ResponderRoles.ClusterId.Should().Be("prod-eu");
        settings.Validate().Should().BeEmpty();
    }

    [Fact]
    public void Invalid_Aws_and_ResponderRoles_settings_are_reported()
    {
        var settings = new OperatorSettings();
        settings.Aws.Provisioner.RolePath = "no-slashes";
        settings.ResponderRoles.MaxParallelAccounts = 0;

        settings.Validate().Should().Contain(e => e.StartsWith("aws:", StringComparison.Ordinal) && e.Contains("RolePath", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("responderRoles.maxParallelAccounts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HealthPort", "healthPort")]
    [InlineData("Workers", "workers")]
    [InlineData("LogFormat", "logFormat")]
    [InlineData("LogLevel", "logLevel")]
    [InlineData("HealthAddress", "healthAddress")]
    [InlineData("LeaseTiming", "leaderElection")]
    public void Invalid_settings_are_reported_naming_the_setting(string field, string named)
    {
        var settings = new OperatorSettings();
        switch (field)
        {
            case "HealthPort": settings.HealthPort = 70000; break;
            case "Workers": settings.Workers = 0; break;
            case "LogFormat": settings.LogFormat = "xml"; break;
            case "LogLevel": settings.LogLevel = "loud"; break;
            case "HealthAddress": settings.HealthAddress = "localhost:80"; break;
            default: settings.LeaderElection.RenewDeadlineSeconds = 20; break;
        }

        settings.Validate().Should().ContainSingle().Which.Should().StartWith(named);
    }

    [Fact]
    public void Defaults_are_valid_and_near_controller_runtime()
    {
        var settings = new OperatorSettings();

        settings.Validate().Should().BeEmpty();
        settings.Qps.Should().Be(20);
        settings.Burst.Should().Be(30);
        settings.GracefulShutdownTimeoutSeconds.Should().Be(30);
    }

    [Theory]
    [InlineData(15, 10, 2, null)]
    [InlineData(6, 3, 0.5, null)]
    [InlineData(10, 10, 2, "leaderElection.leaseDurationSeconds (10) must be greater than leaderElection.renewDeadlineSeconds (10).")]
    [InlineData(15, 2.4, 2, "leaderElection.renewDeadlineSeconds (2.4) must be greater than 1.2 × leaderElection.retryPeriodSeconds (2).")]
    [InlineData(15, 2.5, 2, null)]
    [InlineData(15, 10, 0, "leaderElection.retryPeriodSeconds must be a positive number of seconds (got 0).")]
    [InlineData(-1, 10, 2, "leaderElection.leaseDurationSeconds must be a positive number of seconds (got -1).")]
    [InlineData(15, double.NaN, 2, "leaderElection.renewDeadlineSeconds must be a positive number of seconds (got NaN).")]
    public void Lease_timing_follows_client_go_rules(double lease, double renew, double retry, string? error)
    {
        var settings = new OperatorSettings();
        settings.LeaderElection.LeaseDurationSeconds = lease;
        settings.LeaderElection.RenewDeadlineSeconds = renew;
        settings.LeaderElection.RetryPeriodSeconds = retry;

        var errors = settings.Validate();

        if (error is null)
        {
            errors.Should().BeEmpty();
        }
        else
        {
            errors.Should().ContainSingle().Which.Should().Be(error);
        }
    }

    [Fact]
    public void Lease_timing_is_not_checked_when_leader_election_is_off()
    {
        var settings = new OperatorSettings();
        settings.LeaderElection.Enabled = false;
        settings.LeaderElection.RenewDeadlineSeconds = 99;

        settings.Validate().Should().BeEmpty();
    }

    [Theory]
    [InlineData("GracefulShutdownTimeoutSeconds", 0, "gracefulShutdownTimeoutSeconds")]
    [InlineData("GracefulShutdownTimeoutSeconds", double.PositiveInfinity, "gracefulShutdownTimeoutSeconds")]
    [InlineData("RequestQueueLimit", -1, "requestQueueLimit")]
    [InlineData("Qps", -5, "qps")]
    [InlineData("Burst", 0, "burst")]
    public void Run_lifecycle_and_rate_limit_settings_are_validated_naming_the_setting(string field, double value, string named)
    {
        var settings = new OperatorSettings();
        switch (field)
        {
            case "GracefulShutdownTimeoutSeconds": settings.GracefulShutdownTimeoutSeconds = value; break;
            case "RequestQueueLimit": settings.RequestQueueLimit = (int)value; break;
            case "Qps": settings.Qps = value; break;
            default: settings.Burst = (int)value; break;
        }

        settings.Validate().Should().ContainSingle().Which.Should().StartWith(named + " ");
    }

    [Fact]
    public void Graceful_shutdown_timeout_binds_from_the_environment()
    {
        Environment.SetEnvironmentVariable("IROPERATOR_GracefulShutdownTimeoutSeconds", "45");
        try
        {
            RunCommand.LoadSettings(new Dictionary<string, string?>()).GracefulShutdownTimeoutSeconds.Should().Be(45);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IROPERATOR_GracefulShutdownTimeoutSeconds", null);
        }
    }
}
