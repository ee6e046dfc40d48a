using System.Net;
using IrOperator.Aws.Organizations;

namespace IrOperator.Tests.AwsClients;

public sealed class OrganizationsJsonTests
{
    [Theory]
    [InlineData("""{"__type":"AccountNotFoundException","Message":"You specified an account that doesn't exist."}""", "AccountNotFoundException")]
    [InlineData("""{"__type":"com.amazonaws.organizations#TooManyRequestsException","message":"slow down"}""", "TooManyRequestsException")]
    [InlineData("""{"__type":"AWSOrganizationsNotInUseException:http://internal.amazon.com/","Message":"x"}""", "AWSOrganizationsNotInUseException")]
    public void Error_type_is_stripped_to_the_code(string body, string code)
    {
        OrganizationsJson.Error("DescribeAccount", HttpStatusCode.BadRequest, body, "rid").ErrorCode.Should().Be(code);
    }

    [Theory]
    [InlineData("ACTIVE", "SUSPENDED", true)]
    [InlineData("SUSPENDED", "ACTIVE", false)]
    [InlineData(null, "ACTIVE", true)]
    [InlineData("PENDING_CLOSURE", null, false)]
    public void State_is_preferred_over_the_retiring_Status(string? state, string? status, bool active)
    {
        new OrganizationAccount("1", "arn", "n", "e", state, status).IsActive.Should().Be(active);
    }
}
