using IrOperator.Aws.Endpoints;

namespace IrOperator.Tests.AwsClients;

public sealed class AwsEndpointResolverTests
{
    private static AwsEndpoint Resolve(AwsService service, Dictionary<string, string> environment, AwsEndpointOptions? options = null, Uri? profileUrl = null) =>
        new AwsEndpointResolver(options ?? new AwsEndpointOptions(), name => environment.GetValueOrDefault(name), profileUrl).Resolve(service);

    [Theory]
    [InlineData("us-east-1", AwsService.Iam, "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("eu-west-1", AwsService.Iam, "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("us-gov-east-1", AwsService.Iam, "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    [InlineData("cn-northwest-1", AwsService.Iam, "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("eu-west-1", AwsService.Organizations, "https://organizations.us-east-1.amazonaws.com/", "us-east-1")]
    [InlineData("us-gov-west-1", AwsService.Organizations, "https://organizations.us-gov-west-1.amazonaws.com/", "us-gov-west-1")]
    [InlineData("cn-north-1", AwsService.Organizations, "https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1")]
    [InlineData("eu-west-1", AwsService.Sts, "https://sts.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData("us-gov-east-1", AwsService.Sts, "https://sts.us-gov-east-1.amazonaws.com/", "us-gov-east-1")]
    [InlineData("cn-north-1", AwsService.Sts, "https://sts.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    public void Partition_defaults_put_global_services_in_their_home_region(string region, AwsService service, string url, string signingRegion)
    {
        var endpoint = Resolve(service, new() { ["AWS_REGION"] = region });

        endpoint.Url.Should().Be(new Uri(url));
        endpoint.SigningRegion.Should().Be(signingRegion);
        endpoint.Source.Should().Be("partition default");
    }

    [Fact]
    public void Service_variable_wins_over_global_variable_profile_and_configuration()
    {
        var endpoint = Resolve(
            AwsService.Iam,
            new() { ["AWS_ENDPOINT_URL_IAM"] = "http://127.0.0.1:1001", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1002" },
            new AwsEndpointOptions { IamEndpointUrl = new Uri("http://127.0.0.1:1003") },
            new Uri("http://127.0.0.1:1004"));

        endpoint.Url.Port.Should().Be(1001);
        endpoint.Source.Should().Be("AWS_ENDPOINT_URL_IAM");
        endpoint.SigningName.Should().Be("iam");
    }

    [Fact]
    public void Global_variable_applies_to_services_without_their_own()
    {
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:1001", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1002" };

        Resolve(AwsService.Sts, environment).Url.Port.Should().Be(1001);
        Resolve(AwsService.Organizations, environment).Url.Port.Should().Be(1002);
        Resolve(AwsService.Organizations, environment).SigningName.Should().Be("organizations");
    }

    [Fact]
    public void Profile_endpoint_url_comes_before_configuration()
    {
        var endpoint = Resolve(AwsService.Iam, [], new AwsEndpointOptions { EndpointUrl = new Uri("http://127.0.0.1:1003") }, new Uri("http://127.0.0.1:1004"));

        endpoint.Url.Port.Should().Be(1004);
    }

    [Fact]
    public void Service_configuration_wins_over_configured_global_url()
    {
        var options = new AwsEndpointOptions { EndpointUrl = new Uri("http://127.0.0.1:1003"), OrganizationsEndpointUrl = new Uri("http://127.0.0.1:1005") };

        Resolve(AwsService.Organizations, [], options).Url.Port.Should().Be(1005);
        Resolve(AwsService.Iam, [], options).Url.Port.Should().Be(1003);
    }

    [Fact]
    public void Ignore_configured_endpoint_urls_skips_variables_and_profile()
    {
        var endpoint = Resolve(
            AwsService.Iam,
            new() { ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1002" },
            profileUrl: new Uri("http://127.0.0.1:1004"));

        endpoint.Url.Should().Be(new Uri("https://iam.amazonaws.com/"));
    }

    [Fact]
    public void Overridden_endpoint_keeps_the_partition_signing_region()
    {
        var endpoint = Resolve(AwsService.Iam, new() { ["AWS_DEFAULT_REGION"] = "us-gov-east-1", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1002" });

        endpoint.SigningRegion.Should().Be("us-gov-west-1");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    public void Malformed_endpoint_variable_is_refused_naming_the_variable(string value)
    {
        var act = () => Resolve(AwsService.Iam, new() { ["AWS_ENDPOINT_URL_IAM"] = value });

        act.Should().Throw<ArgumentException>().WithMessage("*AWS_ENDPOINT_URL_IAM*");
    }

    [Fact]
    public void Region_comes_from_configuration_then_AWS_REGION_then_AWS_DEFAULT_REGION()
    {
        new AwsEndpointResolver(new AwsEndpointOptions { Region = "eu-central-1" }, _ => "us-west-2").Region.Should().Be("eu-central-1");
        new AwsEndpointResolver(new AwsEndpointOptions(), n => n == "AWS_REGION" ? "us-west-2" : "ap-south-1").Region.Should().Be("us-west-2");
        new AwsEndpointResolver(new AwsEndpointOptions(), n => n == "AWS_DEFAULT_REGION" ? "ap-south-1" : null).Region.Should().Be("ap-south-1");
        new AwsEndpointResolver(new AwsEndpointOptions(), _ => null).Region.Should().Be("us-east-1");
    }
}
