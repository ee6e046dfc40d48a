using System.Text.Json.Nodes;
using IrOperator.Schema;
using static IrOperator.Tests.KubeEmulator.Schema.GrantSchema;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class CelRuleTests
{
    [Fact]
    public void Transition_rule_makes_spec_immutable_on_update()
    {
        var old = Grant();
        var changed = Grant("""{"incident": "INC-9999"}""");

        Errors(changed, old).Should().Equal("""spec: Invalid value: "object": spec is immutable""");
    }

    [Fact]
    public void Transition_rule_is_skipped_on_create()
    {
        Errors(Grant("""{"incident": "INC-9999"}"""), old: null).Should().BeEmpty();
    }

    [Fact]
    public void Unchanged_spec_passes_the_transition_rule()
    {
        Errors(Grant(), Grant()).Should().BeEmpty();
    }

    [Fact]
    public void Transition_rule_on_a_new_property_is_skipped_when_the_old_object_lacks_it()
    {
        // spec is absent in the old object: no oldSelf for spec, so the immutability rule does not run.
        var old = Grant();
        old.Remove("spec");

        Errors(Grant(), old).Should().BeEmpty();
    }

    [Fact]
    public void Duration_rule_uses_the_message_expression()
    {
        Errors(Grant("""{"duration": "13h"}""")).Should().Equal("""spec: Invalid value: "object": duration 13h exceeds 12h""");
    }

    [Theory]
    [InlineData("12h")]
    [InlineData("90m")]
    [InlineData("1h30m")]
    public void Duration_within_the_limit_passes(string duration)
    {
        Errors(Grant($"{{\"duration\": \"{duration}\"}}")).Should().BeEmpty();
    }

    [Fact]
    public void Rule_with_field_path_and_reason_reports_that_field_and_reason()
    {
        var errors = Structural.Validate(Grant("""{"principalArn": "arn:aws:iam::444455556666:role/*"}"""), null);

        errors.Should().ContainSingle();
        errors[0].ToString().Should().Be("spec.principalArn: Forbidden: a wildcard is only allowed as an Identity Center role suffix");
        errors[0].Type.Should().Be(FieldErrorType.Forbidden);
    }

    [Fact]
    public void Rule_on_map_values_names_the_key_in_brackets()
    {
        Errors(Grant("""{"tags": {"env": "Prod"}}""")).Should().Equal("""spec.tags[env]: Invalid value: "string": must be lower case""");
    }

    [Fact]
    public void List_map_items_correlate_by_key_for_transition_rules()
    {
        var old = Grant("""{"entries": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}]}""");
        var reordered = Grant("""{"entries": [{"name": "b", "value": "2"}, {"name": "a", "value": "changed"}]}""");
        old["spec"]!["entries"] = reordered["spec"]!["entries"]!.DeepClone();
        old["spec"]!["entries"]![1]!["value"] = "1";

        // Only the item rule may fire: spec itself changed too, so make spec-level immutability pass by
        // comparing against an old object whose only difference is the item value.
        var errors = Errors(reordered, old);

        errors.Should().Contain("""spec.entries[1]: Invalid value: "object": value is immutable""");
    }

    [Fact]
    public void Runtime_error_is_reported_with_the_rule()
    {
        var schema = StructuralSchema.Parse(JsonNode.Parse("""
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {"a": {"type": "string"}},
              "x-kubernetes-validations": [{"rule": "self.a == 'x'"}]}}}
            """)!);

        var errors = schema.Validate(JsonNode.Parse("""{"spec": {}}""")!, null).Select(e => e.ToString());

        errors.Should().Equal("""spec: Invalid value: "object": no such key: a evaluating rule: self.a == 'x'""");
    }

    [Fact]
    public void Failed_rule_without_message_says_failed_rule()
    {
        var schema = StructuralSchema.Parse(JsonNode.Parse("""
            {"type": "object", "x-kubernetes-validations": [{"rule": "self.metadata.name.startsWith('ir-')"}],
             "properties": {"metadata": {"type": "object"}}}
            """)!);

        var errors = schema.Validate(JsonNode.Parse("""{"metadata": {"name": "x"}}""")!, null).Select(e => e.ToString());

        errors.Should().Equal("""<nil>: Invalid value: "object": failed rule: self.metadata.name.startsWith('ir-')""");
    }

    [Fact]
    public void Rules_are_not_checked_when_the_schema_found_a_type_error()
    {
        Errors(Grant("""{"duration": "13h", "minApprovals": "x"}""")).Should().Equal(
            "spec.minApprovals: Invalid value: \"string\": spec.minApprovals in body must be of type integer: \"string\"",
            """<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation""");
    }

    [Theory]
    [InlineData("size(self.items) <= 2 && self.items.all(i, i.size() < 4)", true)]
    [InlineData("self.items.exists(i, i == 'abc')", true)]
    [InlineData("'abc' in self.items", true)]
    [InlineData("self.items.exists(i, i.matches('^z'))", false)]
    [InlineData("self.count > 2 && self.name < 'b'", true)]
    [InlineData("self.name.split(',').size() == 2 && self.name.upperAscii() == 'A,B'", true)]
    [InlineData("self.items.join('-') == 'abc-de'", true)]
    [InlineData("has(self.name) && !has(self.missing)", true)]
    public void Core_language_and_registered_library_functions_evaluate(string rule, bool passes)
    {
        var schemaJson = """
            {"type": "object", "properties": {"spec": {"type": "object",
              "properties": {"items": {"type": "array", "items": {"type": "string"}}, "count": {"type": "integer"}, "name": {"type": "string"}, "missing": {"type": "string"}},
              "x-kubernetes-validations": [{"rule": RULE}]}}}
            """.Replace("RULE", JsonValue.Create(rule).ToJsonString(), StringComparison.Ordinal);
        var schema = StructuralSchema.Parse(JsonNode.Parse(schemaJson)!);

        var errors = schema.Validate(JsonNode.Parse("""{"spec": {"items": ["abc", "de"], "count": 3, "name": "a,b"}}""")!, null);

        errors.Should().HaveCount(passes ? 0 : 1);
    }

    [Theory]
    [InlineData("90m", true)]
    [InlineData("1h30m", true)]
    [InlineData("12h0m1s", false)]
    [InlineData("1.5h", true)]
    public void Duration_and_date_time_formats_are_typed_values_in_rules(string ttl, bool passes)
    {
        var schema = StructuralSchema.Parse(JsonNode.Parse("""
            {"type": "object", "properties": {"spec": {"type": "object",
              "properties": {"ttl": {"type": "string", "format": "duration"}, "at": {"type": "string", "format": "date-time"}},
              "x-kubernetes-validations": [{"rule": "self.ttl <= duration('12h') && self.at + self.ttl > self.at"}]}}}
            """)!);

        var errors = schema.Validate(JsonNode.Parse("""{"spec": {"ttl": "TTL", "at": "2026-11-29T04:00:00Z"}}""".Replace("TTL", ttl, StringComparison.Ordinal))!, null);

        errors.Should().HaveCount(passes ? 0 : 1);
    }

    [Fact]
    public void Root_rules_see_only_name_and_generate_name_of_metadata()
    {
        var schema = StructuralSchema.Parse(JsonNode.Parse("""
            {"type": "object", "properties": {"metadata": {"type": "object"}},
             "x-kubernetes-validations": [{"rule": "self.metadata.name.startsWith('ir-') && !has(self.metadata.labels)"}]}
            """)!);

        var errors = schema.Validate(JsonNode.Parse("""{"metadata": {"name": "ir-x", "labels": {"a": "b"}}}""")!, null);

        errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"trust": {}}""", true)]
    [InlineData("""{"breakGlass": {"users": []}}""", true)]
    [InlineData("""{"trust": {}, "breakGlass": {}}""", false)]
    [InlineData("""{}""", false)]
    public void Has_tests_presence_even_of_empty_values_as_kubernetes_does(string spec, bool passes)
    {
        // The Cel package alone says has(self.trust) is false for trust: {} (proto3 semantics).
        var schema = StructuralSchema.Parse(JsonNode.Parse("""
            {"type": "object", "properties": {"spec": {"type": "object",
              "properties": {"trust": {"type": "object"}, "breakGlass": {"type": "object", "properties": {"users": {"type": "array", "items": {"type": "string"}}}}},
              "x-kubernetes-validations": [{"rule": "has(self.trust) != has(self.breakGlass) && (!has(self.breakGlass) || has(self.breakGlass.users))"}]}}}
            """)!);

        var errors = schema.Validate(JsonNode.Parse("""{"spec": SPEC}""".Replace("SPEC", spec, StringComparison.Ordinal))!, null);

        errors.Should().HaveCount(passes ? 0 : 1);
    }
}
