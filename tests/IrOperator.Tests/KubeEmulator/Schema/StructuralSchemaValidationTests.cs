using System.Text.Json.Nodes;
using static IrOperator.Tests.KubeEmulator.Schema.GrantSchema;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class StructuralSchemaValidationTests
{
    [Fact]
    public void Valid_grant_has_no_errors()
    {
        Errors(Grant()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"roleName": "bad name"}""", """spec.roleName: Invalid value: "bad name": spec.roleName in body should match '^[\w+=,.@-]{1,64}$'""")]
    [InlineData("""{"incident": ""}""", """spec.incident: Invalid value: "": spec.incident in body should be at least 1 chars long""")]
    [InlineData("""{"reason": "far too long a reason"}""", "spec.reason: Too long: may not be longer than 10")]
    [InlineData("""{"preset": "Root"}""", "spec.preset: Unsupported value: \"Root\": supported values: \"IncidentCommander\", \"SecurityAnalyst\"")]
    [InlineData("""{"minApprovals": 3}""", "spec.minApprovals: Invalid value: 3: spec.minApprovals in body should be less than or equal to 2")]
    [InlineData("""{"minApprovals": 0}""", "spec.minApprovals: Invalid value: 0: spec.minApprovals in body should be greater than or equal to 1")]
    [InlineData("""{"weight": 0}""", "spec.weight: Invalid value: 0: spec.weight in body should be greater than 0")]
    [InlineData("""{"minApprovals": "two"}""", "spec.minApprovals: Invalid value: \"string\": spec.minApprovals in body must be of type integer: \"string\"")]
    [InlineData("""{"minApprovals": 1.5}""", "spec.minApprovals: Invalid value: \"number\": spec.minApprovals in body must be of type integer: \"number\"")]
    [InlineData("""{"accounts": ["111122223333", "12"]}""", """spec.accounts[1]: Invalid value: "12": spec.accounts[1] in body should match '^\d{12}$'""")]
    [InlineData("""{"accounts": ["111122223333", "111122223334", "111122223335"]}""", "spec.accounts: Too many: 3: must have at most 2 items")]
    [InlineData("""{"accounts": []}""", "spec.accounts: Invalid value: 0: spec.accounts in body should have at least 1 items")]
    [InlineData("""{"tags": {"env": "production"}}""", "spec.tags.env: Too long: may not be longer than 5")]
    [InlineData("""{"tags": {"a": "1", "b": "2", "c": "3"}}""", "spec.tags: Too many: 3: must have at most 2 items")]
    [InlineData("""{"approvers": {}}""", "spec.approvers: Invalid value: 0: spec.approvers in body should have at least 1 properties")]
    [InlineData("""{"notBefore": "yesterday"}""", "spec.notBefore: Invalid value: \"yesterday\": spec.notBefore in body must be of type date-time: \"yesterday\"")]
    [InlineData("""{"port": true}""", "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"")]
    [InlineData("""{"roleName": null}""", "spec.roleName: Invalid value: \"null\": spec.roleName in body must be of type string: \"null\"")]
    [InlineData("""{"approvers": {"users": ["bob", "bob"]}}""", "spec.approvers.users[1]: Duplicate value: \"bob\"")]
    public void Schema_violation_is_reported_in_the_servers_words(string spec, string expected)
    {
        Errors(Grant(spec)).Should().Contain(expected);
    }

    [Fact]
    public void Missing_required_field_is_a_required_value()
    {
        var grant = Grant();
        grant["spec"]!.AsObject().Remove("incident");

        Errors(grant).Should().Equal(
            "spec.incident: Required value",
            "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation");
    }

    [Theory]
    [InlineData("""{"port": 8080}""")]
    [InlineData("""{"port": "http"}""")]
    [InlineData("""{"note": null}""")]
    [InlineData("""{"notBefore": "2026-11-29T04:00:00Z"}""")]
    [InlineData("""{"notBefore": "2026-11-29T04:00:00.123+02:00"}""")]
    [InlineData("""{"minApprovals": 2.0}""")]
    [InlineData("""{"extra": {"anything": [1, {"x": true}]}}""")]
    public void Conforming_values_pass(string spec)
    {
        Errors(Grant(spec)).Should().BeEmpty();
    }

    [Fact]
    public void Word_class_in_a_pattern_is_ascii_only_as_in_go()
    {
        Errors(Grant("""{"roleName": "rôle"}""")).Should().ContainSingle().Which.Should().StartWith("spec.roleName: Invalid value: \"rôle\"");
    }

    [Fact]
    public void Every_violation_is_reported_not_only_the_first()
    {
        Errors(Grant("""{"roleName": "bad name", "reason": "far too long a reason", "accounts": ["1"]}"""))
            .Where(e => !e.StartsWith("<nil>", StringComparison.Ordinal)).Should().HaveCount(3);
    }

    [Fact]
    public void Metadata_is_not_validated_by_the_crd_schema()
    {
        var grant = Grant();
        grant["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };

        Errors(grant).Should().BeEmpty();
    }
}
