using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Printing;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class BuiltInTableTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public static readonly JsonNode CoreEvent = JsonNode.Parse("""
        {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "g1.1", "namespace": "default", "creationTimestamp": "2026-11-29T11:50:00Z"},
         "involvedObject": {"kind": "BreakGlassGrant", "name": "g1", "namespace": "default"},
         "type": "Normal", "reason": "Activated", "message": " Access opened in 111122223333 until 13:00Z ",
         "source": {"component": "iroperator"}, "reportingInstance": "iroperator-0",
         "firstTimestamp": "2026-11-29T11:50:00Z", "lastTimestamp": "2026-11-29T11:58:00Z", "count": 3}
        """)!;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Cells(string group, string kind, string json) =>
        TableBuilder.ForBuiltIn(group, kind, Clock).Build([JsonNode.Parse(json)!], IncludeObject.Metadata)["rows"]![0]!["cells"]!.ToJsonString(Readable);

    private static IEnumerable<string> Headers(string group, string kind) =>
        TableBuilder.ForBuiltIn(group, kind, Clock).Build([], IncludeObject.Metadata)["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());

    [Theory]
    [InlineData("", "Secret", """{"metadata": {"name": "s", "creationTimestamp": "2026-11-29T11:00:00Z"}, "type": "Opaque", "data": {"a": "eA==", "b": "eQ=="}}""", """["s","Opaque",2,"60m"]""")]
    [InlineData("", "ConfigMap", """{"metadata": {"name": "c", "creationTimestamp": "2026-11-29T11:59:30Z"}, "data": {"a": "x"}, "binaryData": {"b": "eA=="}}""", """["c",2,"30s"]""")]
    [InlineData("", "Namespace", """{"metadata": {"name": "ir", "creationTimestamp": "2026-11-20T12:00:00Z"}, "status": {"phase": "Active"}}""", """["ir","Active","9d"]""")]
    [InlineData("coordination.k8s.io", "Lease", """{"metadata": {"name": "iroperator-leader"}, "spec": {"holderIdentity": "iroperator-0"}}""", """["iroperator-leader","iroperator-0","<unknown>"]""")]
    [InlineData("", "ServiceAccount", """{"metadata": {"name": "sa", "creationTimestamp": "2026-11-29T11:00:00Z"}}""", """["sa","2026-11-29T11:00:00Z"]""")]
    public void Built_in_kinds_print_as_the_servers_printers(string group, string kind, string json, string cells)
    {
        Cells(group, kind, json).Should().Be(cells);
    }

    [Fact]
    public void Event_table_starts_with_last_seen_and_sends_the_wide_cells()
    {
        Headers("", "Event").Should().Equal("Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name");
        Cells("", "Event", CoreEvent.ToJsonString()).Should().Be(
            """["2m","Normal","Activated","breakglassgrant/g1","","iroperator, iroperator-0","Access opened in 111122223333 until 13:00Z","10m",3,"g1.1"]""");
    }

    [Fact]
    public void Events_v1_event_prints_like_a_core_event()
    {
        var cells = Cells("events.k8s.io", "Event", """
            {"metadata": {"name": "e"}, "regarding": {"kind": "ResponderRole", "name": "forensics"}, "type": "Warning", "reason": "Drift",
             "note": "Inline policy changed outside the operator", "reportingController": "iroperator.io/operator", "reportingInstance": "iroperator-0",
             "eventTime": "2026-11-29T11:59:00.000000Z", "series": {"count": 4, "lastObservedTime": "2026-11-29T11:59:50.000000Z"}}
            """);

        cells.Should().Be("""["10s","Warning","Drift","responderrole/forensics","","iroperator.io/operator, iroperator-0","Inline policy changed outside the operator","60s",4,"e"]""");
    }
}
