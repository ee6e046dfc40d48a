using System.Text.Json.Nodes;
using IrOperator.Schema;
using static IrOperator.Tests.KubeEmulator.Schema.GrantSchema;

namespace IrOperator.Tests.KubeEmulator.Schema;

public class DefaultingAndPruningTests
{
    [Fact]
    public void Absent_field_gets_its_default()
    {
        var grant = Grant();
        grant["spec"]!.AsObject().Remove("duration");

        Structural.ApplyDefaults(grant);

        grant["spec"]!["duration"]!.GetValue<string>().Should().Be("1h");
        grant["spec"]!["minApprovals"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void Present_value_is_kept()
    {
        var grant = Grant();

        Structural.ApplyDefaults(grant);

        grant["spec"]!["duration"]!.GetValue<string>().Should().Be("2h");
    }

    [Fact]
    public void Default_is_not_applied_when_the_parent_object_is_absent()
    {
        var grant = Grant();

        Structural.ApplyDefaults(grant);

        grant["spec"]!.AsObject().ContainsKey("approvers").Should().BeFalse();
    }

    [Fact]
    public void Default_is_applied_inside_a_present_parent()
    {
        var grant = Grant("""{"approvers": {"users": ["bob"]}}""");

        Structural.ApplyDefaults(grant);

        grant["spec"]!["approvers"]!["count"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void Null_on_a_non_nullable_field_is_defaulted_or_dropped()
    {
        var grant = Grant("""{"duration": null, "reason": null, "note": null}""");

        Structural.ApplyDefaults(grant);

        var spec = grant["spec"]!.AsObject();
        spec["duration"]!.GetValue<string>().Should().Be("1h");
        spec.ContainsKey("reason").Should().BeFalse();
        spec.ContainsKey("note").Should().BeTrue("note is nullable");
    }

    [Fact]
    public void Unknown_fields_are_pruned_and_reported()
    {
        var grant = Grant("""{"colour": "red", "accounts": ["111122223333"], "approvers": {"users": [], "team": "x"}}""");
        grant["surprise"] = 1;

        var pruned = Structural.Prune(grant);

        pruned.Should().BeEquivalentTo("spec.colour", "spec.approvers.team", "surprise");
        grant["spec"]!.AsObject().ContainsKey("colour").Should().BeFalse();
        grant.ContainsKey("surprise").Should().BeFalse();
    }

    [Fact]
    public void Root_resource_fields_are_kept()
    {
        var grant = Grant();
        grant["metadata"]!["labels"] = new JsonObject { ["x"] = "y" };

        Structural.Prune(grant).Should().BeEmpty();

        grant["metadata"]!["labels"]!["x"]!.GetValue<string>().Should().Be("y");
        grant["apiVersion"].Should().NotBeNull();
    }

    [Fact]
    public void Preserve_unknown_fields_keeps_unknowns_but_prunes_inside_known_properties()
    {
        var grant = Grant("""{"extra": {"free": {"form": 1}, "known": {"a": "ok", "b": "pruned"}}}""");

        var pruned = Structural.Prune(grant);

        pruned.Should().Equal("spec.extra.known.b");
        grant["spec"]!["extra"]!["free"]!["form"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void Items_of_object_lists_are_pruned_with_their_index()
    {
        var grant = Grant("""{"entries": [{"name": "a"}, {"name": "b", "bogus": true}]}""");

        Structural.Prune(grant).Should().Equal("spec.entries[1].bogus");
    }

    [Fact]
    public void Strict_field_validation_refuses_with_the_servers_words()
    {
        var status = UnknownFields.StrictDecodingStatus("BreakGlassGrant", "v1alpha1", ["spec.colour", "spec.size"]);

        status["code"]!.GetValue<int>().Should().Be(400);
        status["reason"]!.GetValue<string>().Should().Be("BadRequest");
        status["message"]!.GetValue<string>().Should().Be(
            "BreakGlassGrant in version \"v1alpha1\" cannot be handled as a BreakGlassGrant: strict decoding error: unknown field \"spec.colour\", unknown field \"spec.size\"");
    }

    [Fact]
    public void Warn_field_validation_uses_a_299_warning_per_field()
    {
        UnknownFields.WarningHeader("spec.colour").Should().Be("299 - \"unknown field \\\"spec.colour\\\"\"");
    }
}
