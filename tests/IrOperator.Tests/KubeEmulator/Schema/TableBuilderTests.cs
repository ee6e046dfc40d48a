using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Printing;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class TableBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonNode Crd = JsonNode.Parse("""
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "breakglassgrants.iroperator.io"},
         "spec": {"group": "iroperator.io", "names": {"kind": "BreakGlassGrant", "plural": "breakglassgrants"},
           "versions": [
             {"name": "v1alpha1", "served": true, "storage": true,
              "additionalPrinterColumns": [
                {"name": "Role", "type": "string", "jsonPath": ".spec.role"},
                {"name": "Phase", "type": "string", "jsonPath": ".status.phase", "description": "Where the grant is"},
                {"name": "Accounts", "type": "string", "jsonPath": ".spec.accounts", "priority": 1},
                {"name": "First", "type": "string", "jsonPath": ".spec.accounts[*]"},
                {"name": "Approvals", "type": "integer", "jsonPath": ".status.approvalCount"},
                {"name": "Ready", "type": "boolean", "jsonPath": ".status.ready"},
                {"name": "Expires", "type": "date", "jsonPath": ".status.expiresAt"},
                {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]},
             {"name": "v1beta1", "served": true, "storage": false}]}}
        """)!;

    private static readonly JsonNode Grant = JsonNode.Parse("""
        {"apiVersion": "iroperator.io/v1alpha1", "kind": "BreakGlassGrant",
         "metadata": {"name": "g1", "namespace": "default", "resourceVersion": "42", "creationTimestamp": "2026-11-29T11:55:00Z"},
         "spec": {"role": "forensic-investigator", "accounts": ["111122223333", "444455556666"]},
         "status": {"phase": "Active", "approvalCount": 2, "ready": true, "expiresAt": "2026-11-29T10:00:00Z"}}
        """)!;

    private static FakeTimeProvider Clock() => new(Now);

    [Fact]
    public void Crd_columns_follow_name_with_their_definitions()
    {
        var table = TableBuilder.ForCustomResource(Crd, "v1alpha1", Clock()).Build([Grant], IncludeObject.Metadata, "100");

        var definitions = table["columnDefinitions"]!.AsArray();
        definitions.Select(d => d!["name"]!.GetValue<string>()).Should().Equal("Name", "Role", "Phase", "Accounts", "First", "Approvals", "Ready", "Expires", "Age");
        definitions[0]!["format"]!.GetValue<string>().Should().Be("name");
        definitions[1]!["description"]!.GetValue<string>().Should().Be("Custom resource definition column (in JSONPath format): .spec.role");
        definitions[2]!["description"]!.GetValue<string>().Should().Be("Where the grant is");
        definitions[3]!["priority"]!.GetValue<int>().Should().Be(1);
        table["kind"]!.GetValue<string>().Should().Be("Table");
        table["apiVersion"]!.GetValue<string>().Should().Be("meta.k8s.io/v1");
        table["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("100");
    }

    [Fact]
    public void Cells_are_typed_and_dates_humanized_as_the_server_sends_them()
    {
        var table = TableBuilder.ForCustomResource(Crd, "v1alpha1", Clock()).Build([Grant], IncludeObject.Metadata);

        var cells = table["rows"]![0]!["cells"]!.ToJsonString();
        cells.Should().Be("""["g1","forensic-investigator","Active","[111122223333 444455556666]","111122223333",2,true,"120m","5m"]""");
    }

    [Fact]
    public void Future_date_renders_invalid_as_on_the_real_server()
    {
        // A date column is an age: a future expiresAt prints "<invalid>" there too, so expiry columns
        // are better declared as strings.
        var future = Grant.DeepClone();
        future["status"]!["expiresAt"] = "2026-11-29T14:00:00Z";

        var cells = TableBuilder.ForCustomResource(Crd, "v1alpha1", Clock()).Build([future], IncludeObject.Metadata)["rows"]![0]!["cells"]!.AsArray();

        cells[7]!.GetValue<string>().Should().Be("<invalid>");
    }

    [Fact]
    public void Absent_values_are_null_cells()
    {
        var pending = JsonNode.Parse("""{"metadata": {"name": "g2", "creationTimestamp": "2026-11-29T12:00:00Z"}, "spec": {"role": "r"}}""")!;

        var cells = TableBuilder.ForCustomResource(Crd, "v1alpha1", Clock()).Build([pending], IncludeObject.None)["rows"]![0]!["cells"]!;

        cells.ToJsonString().Should().Be("""["g2","r",null,null,null,null,null,null,"0s"]""");
    }

    [Fact]
    public void Version_without_columns_gets_the_default_age_column()
    {
        var table = TableBuilder.ForCustomResource(Crd, "v1beta1", Clock()).Build([Grant], IncludeObject.Metadata);

        table["columnDefinitions"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).Should().Equal("Name", "Age");
        table["rows"]![0]!["cells"]!.ToJsonString().Should().Be("""["g1","5m"]""");
    }

    [Fact]
    public void Metadata_rows_carry_partial_object_metadata()
    {
        var row = TableBuilder.ForCustomResource(Crd, "v1alpha1", Clock()).Build([Grant], IncludeObject.Metadata)["rows"]![0]!;

        row["object"]!["kind"]!.GetValue<string>().Should().Be("PartialObjectMetadata");
        row["object"]!["apiVersion"]!.GetValue<string>().Should().Be("meta.k8s.io/v1");
        row["object"]!["metadata"]!["name"]!.GetValue<string>().Should().Be("g1");
        row["object"]!.AsObject().ContainsKey("spec").Should().BeFalse();
    }

    [Theory]
    [InlineData(IncludeObject.Object, true)]
    [InlineData(IncludeObject.None, false)]
    public void Include_object_controls_the_row_object(IncludeObject include, bool hasSpec)
    {
        var row = TableBuilder.ForCustomResource(Crd, "v1alpha1", Clock()).Build([Grant], include)["rows"]![0]!;

        (row["object"]?["spec"] is not null).Should().Be(hasSpec);
    }

    [Fact]
    public void Single_object_table_takes_the_objects_resource_version_and_continue_is_passed_through()
    {
        var builder = TableBuilder.ForCustomResource(Crd, "v1alpha1", Clock());

        builder.BuildForObject(Grant, IncludeObject.Metadata)["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("42");
        builder.Build([], IncludeObject.Metadata, "7", "token")["metadata"]!["continue"]!.GetValue<string>().Should().Be("token");
    }

    [Fact]
    public void Default_convertor_shows_name_and_raw_created_at()
    {
        var table = TableBuilder.ForObjectMeta(Clock()).Build([Grant], IncludeObject.Metadata);

        table["columnDefinitions"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).Should().Equal("Name", "Created At");
        table["rows"]![0]!["cells"]!.ToJsonString().Should().Be("""["g1","2026-11-29T11:55:00Z"]""");
    }

    [Fact]
    public void Unknown_version_is_refused()
    {
        var build = () => TableBuilder.ForCustomResource(Crd, "v9", Clock());

        build.Should().Throw<ArgumentException>().WithMessage("*v9*");
    }

    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData((5 * 3600) + (10 * 60), "5h10m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData((3 * 86400) + (4 * 3600), "3d4h")]
    [InlineData(20 * 86400, "20d")]
    [InlineData((3 * 365 * 86400) + (10 * 86400), "3y10d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void Human_duration_matches_apimachinery(long seconds, string expected)
    {
        HumanDuration.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
    }

    [Theory]
    [InlineData(".spec.role", "[\"forensic-investigator\"]")]
    [InlineData(".spec.accounts[1]", "[\"444455556666\"]")]
    [InlineData(".spec.accounts[-1]", "[\"444455556666\"]")]
    [InlineData(".spec.accounts[*]", "[\"111122223333\",\"444455556666\"]")]
    [InlineData(".metadata['namespace']", "[\"default\"]")]
    [InlineData("{.status.phase}", "[\"Active\"]")]
    [InlineData(".status.nothing", "[]")]
    public void Simple_json_path_reaches_values(string path, string expected)
    {
        new JsonArray(SimpleJsonPath.Parse(path).Evaluate(Grant).Select(n => n?.DeepClone()).ToArray()).ToJsonString().Should().Be(expected);
    }
}
