using System.Text.Json.Nodes;
using IrOperator.Schema;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class SchemaCompilationTests
{
    [Theory]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "object", "x-kubernetes-validations": [{"rule": "self.a =="}]}}}""",
        "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: \"self.a ==\": compilation failed")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "object", "x-kubernetes-validations": [{"rule": "self.a.quantity() > 1"}]}}}""",
        "undeclared reference to 'quantity'")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "object", "x-kubernetes-validations": [{"rule": "other == 1"}]}}}""",
        "undeclared reference to 'other'")]
    [InlineData("""{"type": "object", "properties": {"spec": {"properties": {}}}}""",
        "openAPIV3Schema.properties[spec].type: Required value")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "map"}}}""",
        "openAPIV3Schema.properties[spec].type: Unsupported value: \"map\"")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "array"}}}""",
        "openAPIV3Schema.properties[spec].items: Required value")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "string", "pattern": "(unclosed"}}}""",
        "openAPIV3Schema.properties[spec].pattern: Invalid value: \"(unclosed\": must be a valid regular expression")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "object", "properties": {"a": {"type": "string"}}, "x-kubernetes-validations": [{"rule": "true", "fieldPath": ".b"}]}}}""",
        "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].fieldPath: Invalid value: \".b\": fieldPath must be a valid path: does not refer to a valid field")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "array", "items": {"type": "string", "x-kubernetes-validations": [{"rule": "self == oldSelf"}]}}}}""",
        "oldSelf cannot be used on the uncorrelatable portion of the schema")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "integer", "minimum": 1, "default": 0}}}""",
        "openAPIV3Schema.properties[spec].default: Invalid value: 0: ")]
    [InlineData("""{"type": "object", "properties": {"spec": {"type": "object", "x-kubernetes-validations": [{"rule": "true", "reason": "Nope"}]}}}""",
        "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].reason: Unsupported value: \"Nope\"")]
    [InlineData("""{"type": "string"}""", "openAPIV3Schema.type: Invalid value: \"string\": must be object at the root")]
    public void Invalid_schema_is_refused_naming_the_schema_path(string schema, string expected)
    {
        var parse = () => StructuralSchema.Parse(JsonNode.Parse(schema)!);

        parse.Should().Throw<SchemaException>().Which.Errors.Select(e => e.ToString()).Should().Contain(e => e.Contains(expected));
    }

    [Fact]
    public void Base_path_prefixes_schema_errors()
    {
        var parse = () => StructuralSchema.Parse(JsonNode.Parse("""{"type": "object", "properties": {"a": {}}}""")!, "spec.versions[0].schema.openAPIV3Schema");

        parse.Should().Throw<SchemaException>().Which.Errors[0].Field.Should().Be("spec.versions[0].schema.openAPIV3Schema.properties[a].type");
    }

    [Fact]
    public void Grant_schema_compiles()
    {
        var parse = () => GrantSchema.Structural;

        parse.Should().NotThrow();
    }

    [Fact]
    public void Crd_versions_compile_to_one_schema_each()
    {
        var schemas = CustomResourceSchemas.Compile(TestCrds.Grant());

        schemas.Keys.Should().BeEquivalentTo("v1alpha1", "v1alpha0");
        schemas["v1alpha1"].Validate(GrantSchema.Grant(), null).Should().BeEmpty();
    }

    [Fact]
    public void Crd_errors_name_the_version_and_cover_every_version()
    {
        var crd = TestCrds.Grant();
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["x-kubernetes-validations"]![0]!["rule"] = "self ==";
        crd["spec"]!["versions"]![1]!.AsObject().Remove("schema");

        var compile = () => CustomResourceSchemas.Compile(crd);

        compile.Should().Throw<SchemaException>().Which.Errors.Select(e => e.Field).Should().Equal(
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule",
            "spec.versions[1].schema.openAPIV3Schema");
    }

    [Fact]
    public void Failing_rule_at_run_time_is_reported_not_thrown()
    {
        var schema = StructuralSchema.Parse(JsonNode.Parse("""
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {"n": {"type": "integer"}, "d": {"type": "string"}},
              "x-kubernetes-validations": [{"rule": "self.n + 9223372036854775807 > 0"}, {"rule": "duration(self.d) > duration('1h')"}]}}}
            """)!);

        var errors = schema.Validate(JsonNode.Parse("""{"spec": {"n": 5, "d": "soon"}}""")!, null).Select(e => e.ToString()).ToList();

        errors.Should().HaveCount(2);
        errors.Should().OnlyContain(e => e.StartsWith("spec: Invalid value: \"object\": ") && e.Contains(" evaluating rule: "));
    }
}
