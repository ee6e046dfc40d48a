using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Patching;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>RFC 7386 merge patch and RFC 6902 JSON patch, as the server applies them.</summary>
public sealed class PatchTests
{
    private const string Document = """{"a": 1, "b": {"c": [1, 2], "d": "x"}}""";

    [Theory]
    [InlineData("""{"a": 2}""", """{"a": 2, "b": {"c": [1, 2], "d": "x"}}""")]
    [InlineData("""{"b": {"d": null}}""", """{"a": 1, "b": {"c": [1, 2]}}""")]
    [InlineData("""{"b": {"c": [3]}}""", """{"a": 1, "b": {"c": [3], "d": "x"}}""")]
    [InlineData("""{"e": {"f": null, "g": 1}}""", """{"a": 1, "b": {"c": [1, 2], "d": "x"}, "e": {"g": 1}}""")]
    [InlineData("""{"b": "flat"}""", """{"a": 1, "b": "flat"}""")]
    public void Merge_patch_merges_objects_removes_nulls_and_replaces_the_rest(string patch, string expected) =>
        JsonNode.DeepEquals(JsonMergePatch.Apply(JsonNode.Parse(Document), JsonNode.Parse(patch)), JsonNode.Parse(expected)).Should().BeTrue();

    [Theory]
    [InlineData("""[{"op": "add", "path": "/b/c/1", "value": 9}]""", """{"a": 1, "b": {"c": [1, 9, 2], "d": "x"}}""")]
    [InlineData("""[{"op": "add", "path": "/b/c/-", "value": 3}]""", """{"a": 1, "b": {"c": [1, 2, 3], "d": "x"}}""")]
    [InlineData("""[{"op": "remove", "path": "/b/d"}]""", """{"a": 1, "b": {"c": [1, 2]}}""")]
    [InlineData("""[{"op": "replace", "path": "/a", "value": "one"}]""", """{"a": "one", "b": {"c": [1, 2], "d": "x"}}""")]
    [InlineData("""[{"op": "move", "from": "/b/d", "path": "/e"}]""", """{"a": 1, "b": {"c": [1, 2]}, "e": "x"}""")]
    [InlineData("""[{"op": "copy", "from": "/a", "path": "/b/a"}]""", """{"a": 1, "b": {"c": [1, 2], "d": "x", "a": 1}}""")]
    [InlineData("""[{"op": "test", "path": "/b/c", "value": [1, 2]}, {"op": "add", "path": "/x~1y", "value": true}]""", """{"a": 1, "b": {"c": [1, 2], "d": "x"}, "x/y": true}""")]
    public void Json_patch_applies_each_operation_in_order(string patch, string expected) =>
        JsonNode.DeepEquals(JsonPatch.Apply(JsonNode.Parse(Document)!, JsonNode.Parse(patch)!.AsArray()), JsonNode.Parse(expected)).Should().BeTrue();

    [Theory]
    [InlineData("""[{"op": "test", "path": "/a", "value": 2}]""")]
    [InlineData("""[{"op": "remove", "path": "/missing"}]""")]
    [InlineData("""[{"op": "replace", "path": "/b/c/5", "value": 1}]""")]
    [InlineData("""[{"op": "frobnicate", "path": "/a"}]""")]
    [InlineData("""[{"op": "add", "path": "/a"}]""")]
    public void A_json_patch_that_cannot_apply_fails_whole(string patch)
    {
        var original = JsonNode.Parse(Document)!;

        FluentActions.Invoking(() => JsonPatch.Apply(original, JsonNode.Parse(patch)!.AsArray())).Should().Throw<JsonPatchException>();
        JsonNode.DeepEquals(original, JsonNode.Parse(Document)).Should().BeTrue("the input is never modified");
    }
}
