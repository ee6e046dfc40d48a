using System.Text.Json.Nodes;
using IrOperator.Schema;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class FieldErrorStatusTests
{
    [Fact]
    public void Single_error_status_has_the_servers_shape()
    {
        var status = FieldErrorStatus.Invalid("iroperator.io", "BreakGlassGrant", "g1", [FieldError.Required("spec.incident")]);

        JsonNode.DeepEquals(status, JsonNode.Parse("""
            {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
             "message": "BreakGlassGrant.iroperator.io \"g1\" is invalid: spec.incident: Required value",
             "reason": "Invalid",
             "details": {"name": "g1", "group": "iroperator.io", "kind": "BreakGlassGrant",
               "causes": [{"reason": "FieldValueRequired", "message": "Required value", "field": "spec.incident"}]},
             "code": 422}
            """)).Should().BeTrue(status.ToJsonString());
    }

    [Fact]
    public void Several_errors_are_bracketed_and_deduplicated()
    {
        var errors = new[]
        {
            FieldError.Invalid("spec", "object", "spec is immutable"),
            FieldError.TooLong("spec.reason", "x", 10),
            FieldError.Invalid("spec", "object", "spec is immutable"),
        };

        var status = FieldErrorStatus.Invalid("iroperator.io", "BreakGlassGrant", "g1", errors);

        status["message"]!.GetValue<string>().Should().Be(
            "BreakGlassGrant.iroperator.io \"g1\" is invalid: [spec: Invalid value: \"object\": spec is immutable, spec.reason: Too long: may not be longer than 10]");
        status["details"]!["causes"]!.AsArray().Select(c => c!["reason"]!.GetValue<string>())
            .Should().Equal("FieldValueInvalid", "FieldValueTooLong", "FieldValueInvalid");
    }

    [Fact]
    public void Core_group_kind_has_no_group_suffix()
    {
        var status = FieldErrorStatus.Invalid("", "Secret", "s", [FieldError.Required("data")]);

        status["message"]!.GetValue<string>().Should().StartWith("Secret \"s\" is invalid");
        status["details"]!.AsObject().ContainsKey("group").Should().BeFalse();
    }

    [Theory]
    [InlineData("a\"b\n", "spec.x: Invalid value: \"a\\\"b\\n\": d")]
    [InlineData(5L, "spec.x: Invalid value: 5: d")]
    [InlineData(1.5, "spec.x: Invalid value: 1.5: d")]
    [InlineData(true, "spec.x: Invalid value: true: d")]
    [InlineData(null, "spec.x: Invalid value: \"null\": d")]
    public void Bad_values_print_as_go_does(object? value, string expected)
    {
        FieldError.Invalid("spec.x", value ?? "null", "d").ToString().Should().Be(expected);
    }
}
