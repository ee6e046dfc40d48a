using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>core/v1 and events.k8s.io/v1 Events are one store seen through both APIs, fields converted as the server does.</summary>
public sealed class EventApisTests : IClassFixture<KubeEmulatorFixture>
{
    private readonly KubeEmulatorFixture _fixture;

    public EventApisTests(KubeEmulatorFixture fixture) => _fixture = fixture;

    private IKubernetes Admin => _fixture.Admin;

    [Fact]
    public async Task An_events_v1_event_is_read_through_core_v1_with_its_fields_converted()
    {
        var ns = (await WidgetApi.InNewNamespaceAsync(Admin)).Namespace;
        var eventTime = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

        await Admin.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "grant-approved" },
            EventTime = eventTime,
            Regarding = new V1ObjectReference { Kind = "BreakGlassGrant", Name = "g1", NamespaceProperty = ns, ApiVersion = "iroperator.io/v1alpha1" },
            Reason = "Approved",
            Note = "approved by bob",
            Type = "Normal",
            Action = "Approve",
            ReportingController = "iroperator.io/operator",
            ReportingInstance = "iroperator-0",
            Series = new Eventsv1EventSeries { Count = 3, LastObservedTime = eventTime.AddMinutes(1) },
            DeprecatedCount = 3,
        }, ns);

        var core = await Admin.CoreV1.ReadNamespacedEventAsync("grant-approved", ns);
        core.InvolvedObject.Name.Should().Be("g1");
        core.InvolvedObject.Kind.Should().Be("BreakGlassGrant");
        core.Message.Should().Be("approved by bob");
        core.Reason.Should().Be("Approved");
        core.ReportingComponent.Should().Be("iroperator.io/operator");
        core.ReportingInstance.Should().Be("iroperator-0");
        core.Count.Should().Be(3);
        core.Series.Count.Should().Be(3);
        core.EventTime.Should().Be(eventTime);
        core.Action.Should().Be("Approve");
        var selected = await Admin.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=g1,reason=Approved");
        selected.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task A_core_event_is_read_patched_and_selected_through_events_v1()
    {
        var ns = (await WidgetApi.InNewNamespaceAsync(Admin)).Namespace;
        var first = new DateTime(2026, 11, 29, 11, 0, 0, DateTimeKind.Utc);
        await Admin.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "drift" },
            InvolvedObject = new V1ObjectReference { Kind = "ResponderRole", Name = "forensics" },
            Reason = "Drift",
            Message = "inline policy changed",
            Type = "Warning",
            Source = new V1EventSource { Component = "iroperator" },
            FirstTimestamp = first,
            LastTimestamp = first.AddMinutes(5),
            Count = 2,
            ReportingComponent = "iroperator.io/operator",
        }, ns);

        var v1 = await Admin.EventsV1.ReadNamespacedEventAsync("drift", ns);
        var patched = await Admin.EventsV1.PatchNamespacedEventAsync(
            new V1Patch("""{"note":"inline policy changed again","deprecatedCount":3}""", V1Patch.PatchType.MergePatch), "drift", ns);
        var core = await Admin.CoreV1.ReadNamespacedEventAsync("drift", ns);
        var selected = await Admin.EventsV1.ListNamespacedEventAsync(ns, fieldSelector: "regarding.name=forensics,reportingController=iroperator.io/operator");
        var none = await Admin.EventsV1.ListNamespacedEventAsync(ns, fieldSelector: "regarding.name=other");
        var throughCore = (await Admin.CoreV1.ListNamespacedEventAsync(ns)).Items.Count;
        var throughV1 = (await Admin.EventsV1.ListNamespacedEventAsync(ns)).Items.Count;

        v1.Regarding.Name.Should().Be("forensics");
        v1.Note.Should().Be("inline policy changed");
        v1.DeprecatedSource.Component.Should().Be("iroperator");
        v1.DeprecatedFirstTimestamp.Should().Be(first);
        v1.DeprecatedLastTimestamp.Should().Be(first.AddMinutes(5));
        v1.DeprecatedCount.Should().Be(2);
        v1.ReportingController.Should().Be("iroperator.io/operator");
        patched.Note.Should().Be("inline policy changed again");
        core.Message.Should().Be("inline policy changed again");
        core.Count.Should().Be(3);
        selected.Items.Should().ContainSingle();
        none.Items.Should().BeEmpty();
        throughCore.Should().Be(1, "one event, seen once through each API");
        throughV1.Should().Be(1);
    }

    [Fact]
    public void The_conversion_round_trips_every_renamed_field()
    {
        var type = BuiltInResources.All.Single(EventConversion.IsEventsV1);
        var v1 = JsonNode.Parse("""
            {"metadata":{"name":"e"},"regarding":{"name":"x"},"note":"n","reportingController":"c","reportingInstance":"i",
             "deprecatedSource":{"component":"s"},"deprecatedFirstTimestamp":"2026-01-01T00:00:00Z","deprecatedLastTimestamp":"2026-01-01T00:01:00Z",
             "deprecatedCount":2,"series":{"count":2,"lastObservedTime":"2026-01-01T00:01:00.000000Z"},"action":"A","reason":"R","type":"Normal"}
            """)!.AsObject();

        var stored = EventConversion.ToStored(type, v1);

        stored.Select(p => p.Key).Should().BeEquivalentTo(
            "metadata", "involvedObject", "message", "reportingComponent", "reportingInstance", "source", "firstTimestamp", "lastTimestamp",
            "count", "series", "action", "reason", "type");
        JsonNode.DeepEquals(EventConversion.FromStored(type, stored), v1).Should().BeTrue();
    }
}
