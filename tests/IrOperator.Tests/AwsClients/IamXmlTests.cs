using System.Net;
using IrOperator.Aws.Iam;

namespace IrOperator.Tests.AwsClients;

public sealed class IamXmlTests
{
    [Fact]
    public void Error_document_gives_code_message_and_request_id()
    {
        const string body = """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name x cannot be found.</Message></Error>
              <RequestId>4a2d-req</RequestId>
            </ErrorResponse>
            """;

        var error = IamXml.Error("GetRole", HttpStatusCode.NotFound, body, "header-id");

        error.ErrorCode.Should().Be("NoSuchEntity");
        error.AwsMessage.Should().Be("The role with name x cannot be found.");
        error.RequestId.Should().Be("4a2d-req");
        error.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", true)]
    [InlineData(HttpStatusCode.InternalServerError, "InternalFailure", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "Throttling", true)]
    [InlineData(HttpStatusCode.BadRequest, "UnreadableResponse", false)]
    public void Non_xml_error_is_classified_by_status(HttpStatusCode status, string code, bool retryable)
    {
        var error = IamXml.Error("GetRole", status, "<html>upstream</html", null);

        error.ErrorCode.Should().Be(code);
        error.IsRetryable.Should().Be(retryable);
    }

    [Fact]
    public void Role_documents_are_url_decoded_and_tags_and_boundary_read()
    {
        const string body = """
            <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetRoleResult><Role>
                <Path>/incident-response/</Path><RoleName>ir-a</RoleName><RoleId>AROAEXAMPLE</RoleId>
                <Arn>arn:aws:iam::333333333333:role/incident-response/ir-a</Arn><CreateDate>2026-11-29T04:00:00Z</CreateDate>
                <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22a%2Bb%22%7D%5D%7D</AssumeRolePolicyDocument>
                <MaxSessionDuration>7200</MaxSessionDuration>
                <PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::aws:policy/ReadOnlyAccess</PermissionsBoundaryArn></PermissionsBoundary>
                <Tags><member><Key>owner</Key><Value>sec</Value></member></Tags>
              </Role></GetRoleResult>
            </GetRoleResponse>
            """;

        var role = IamXml.Role(IamXml.Result("GetRole", body).RequiredChild("Role"));

        role.AssumeRolePolicyDocument.Should().Be("""{"Version":"2012-10-17","Statement":[{"Sid":"a+b"}]}""");
        role.MaxSessionDuration.Should().Be(7200);
        role.PermissionsBoundaryArn.Should().Be("arn:aws:iam::aws:policy/ReadOnlyAccess");
        role.Tags.Should().Equal(new IamTag("owner", "sec"));
        role.CreateDate.Should().Be(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Unparseable_success_body_is_an_unreadable_response()
    {
        var act = () => IamXml.Result("GetRole", "not xml");

        act.Should().Throw<IrOperator.Aws.Errors.AwsServiceException>().Which.ErrorCode.Should().Be("UnreadableResponse");
    }
}
