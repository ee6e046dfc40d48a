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
    public void Defaults_are_valid()
    {
        new OperatorSettings().Validate().Should().BeEmpty();
    }
}
