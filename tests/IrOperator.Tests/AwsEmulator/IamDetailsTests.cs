using IrOperator.Sandbox.Aws.Faults;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>IAM's tag rules and the ConcurrentModification fault, through boto3.</summary>
public sealed class IamDetailsTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string Dev = SampleOrganization.DevAccountId;
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}""";

    private AwsCredentials Admin => fixture.Emulator.CredentialsOf(Dev, "admin-dev");

    public void Dispose() => fixture.Emulator.Faults.Reset();

    [Fact]
    public async Task Tag_keys_are_case_insensitive_keep_their_case_and_aws_prefix_is_reserved()
    {
        var name = "tags-" + Guid.NewGuid().ToString("N")[..8];
        var results = await Boto3Runner.RunAsync(
            fixture.Endpoint,
            new Boto3Call("iam", "create_role", Admin, new { RoleName = name, AssumeRolePolicyDocument = Trust, Tags = new[] { new { Key = "Env", Value = "prod" }, new { Key = "Owner", Value = "ir" } } }),
            new Boto3Call("iam", "tag_role", Admin, new { RoleName = name, Tags = new[] { new { Key = "env", Value = "dev" } } }),
            new Boto3Call("iam", "list_role_tags", Admin, new { RoleName = name }),
            new Boto3Call("iam", "untag_role", Admin, new { RoleName = name, TagKeys = new[] { "OWNER" } }),
            new Boto3Call("iam", "list_role_tags", Admin, new { RoleName = name }),
            new Boto3Call("iam", "tag_role", Admin, new { RoleName = name, Tags = new[] { new { Key = "AWS:team", Value = "x" } } }),
            new Boto3Call("iam", "tag_role", Admin, new { RoleName = name, Tags = new[] { new { Key = "a", Value = "1" }, new { Key = "A", Value = "2" } } }));

        results.Take(5).Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        Tags(results[2]).Should().Equal(("env", "dev"), ("Owner", "ir"));
        Tags(results[4]).Should().Equal(("env", "dev"));
        (results[5].Code, results[5].Message, results[5].Status).Should().Be(("InvalidInput", IamValidation.ReservedTagKeyMessage, 400));
        (results[6].Code, results[6].Message).Should().Be(("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive."));
    }

    [Fact]
    public async Task ConcurrentModification_can_be_injected_for_IAM()
    {
        fixture.Emulator.Faults.Services = new HashSet<string> { "iam" };
        fixture.Emulator.Faults.FailNext(1, FaultKind.ConcurrentModification);

        var results = await Boto3Runner.RunAsync(
            fixture.Endpoint,
            new Boto3Call("iam", "list_roles", Admin),
            new Boto3Call("iam", "list_roles", Admin));

        (results[0].Code, results[0].Status).Should().Be(("ConcurrentModification", 409));
        results[1].Ok.Should().BeTrue(results[1].ToString());
    }

    private static IEnumerable<(string, string)> Tags(Boto3Result result) =>
        result.Response.GetProperty("Tags").EnumerateArray().Select(tag => (tag.GetProperty("Key").GetString()!, tag.GetProperty("Value").GetString()!));
}
