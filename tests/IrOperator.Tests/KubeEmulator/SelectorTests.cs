using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Printing;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Selectors;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Label and field selector syntax, as the API server reads it.</summary>
public sealed class SelectorTests
{
    private static readonly ResourceType Widgets = new("test.iroperator.io", "v1", "widgets", "widget", "Widget", true, true, [], [], null, TableBuilder.ForObjectMeta);

    private static readonly JsonObject Labelled = JsonNode.Parse("""
        {"metadata": {"name": "w1", "namespace": "ir", "labels": {"team": "red", "tier": "prod"}}}
        """)!.AsObject();

    [Theory]
    [InlineData("", true)]
    [InlineData("team=red", true)]
    [InlineData("team==red", true)]
    [InlineData("team=blue", false)]
    [InlineData("team!=blue", true)]
    [InlineData("owner!=x", true)]
    [InlineData("team in (blue, red)", true)]
    [InlineData("team notin (red)", false)]
    [InlineData("owner notin (x)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!owner", true)]
    [InlineData("team=red,tier=dev", false)]
    [InlineData("team in (red,blue),tier", true)]
    public void Label_selector_requirements_all_must_hold(string selector, bool matches) =>
        LabelSelector.Parse(selector).Matches(Labelled).Should().Be(matches);

    [Theory]
    [InlineData("team in red")]
    [InlineData("=red")]
    [InlineData("te am=red")]
    public void A_malformed_label_selector_is_400(string selector)
    {
        var e = FluentActions.Invoking(() => LabelSelector.Parse(selector)).Should().Throw<KubeApiException>().Which;

        e.Code.Should().Be(400);
    }

    [Theory]
    [InlineData("metadata.name=w1", true)]
    [InlineData("metadata.name==w2", false)]
    [InlineData("metadata.name!=w2", true)]
    [InlineData("metadata.namespace=ir,metadata.name=w1", true)]
    [InlineData("metadata.namespace=other", false)]
    public void Field_selector_matches_name_and_namespace(string selector, bool matches) =>
        FieldSelector.Parse(selector, SelectableFields.For(Widgets)).Matches(Labelled).Should().Be(matches);

    [Theory]
    [InlineData("involvedObject.name=w1,involvedObject.kind=Widget", true)]
    [InlineData("involvedObject.uid=u-1,reason=Approved", true)]
    [InlineData("involvedObject.name=w2", false)]
    [InlineData("source=iroperator", true)]
    [InlineData("involvedObject.fieldPath=", true)]
    public void Event_field_selectors_read_the_involved_object(string selector, bool matches)
    {
        var coreEvents = BuiltInResources.All.Single(t => t is { Group: "", Plural: "events" });
        var e = JsonNode.Parse("""
            {"metadata": {"name": "w1.1", "namespace": "ir"}, "reason": "Approved", "source": {"component": "iroperator"},
             "involvedObject": {"kind": "Widget", "name": "w1", "namespace": "ir", "uid": "u-1"}}
            """)!.AsObject();

        FieldSelector.Parse(selector, SelectableFields.For(coreEvents)).Matches(e).Should().Be(matches);
    }

    [Fact]
    public void A_field_selector_on_another_field_is_400()
    {
        var e = FluentActions.Invoking(() => FieldSelector.Parse("spec.role=x", SelectableFields.For(Widgets))).Should().Throw<KubeApiException>().Which;

        e.Code.Should().Be(400);
        e.Message.Should().Contain("spec.role");
    }
}
