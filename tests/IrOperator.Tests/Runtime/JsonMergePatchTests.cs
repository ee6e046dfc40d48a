using System.Text.Json.Nodes;
using IrOperator.Kube;

namespace IrOperator.Tests.Runtime;

public sealed class JsonMergePatchTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"a":1,"b":[1,2]}""", null)]
    [InlineData("""{"a":1}""", """{"a":2}""", """{"a":2}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", """{"b":null}""")]
    [InlineData("""{"a":{"x":1,"y":2}}""", """{"a":{"x":1,"y":3}}""", """{"a":{"y":3}}""")]
    [InlineData("""{"c":[{"t":"A"},{"t":"B"}]}""", """{"c":[{"t":"A"}]}""", """{"c":[{"t":"A"}]}""")]
    [InlineData(null, """{"phase":"Active"}""", """{"phase":"Active"}""")]
    public void Patch_names_changed_and_removed_fields_only(string? original, string modified, string? expected)
    {
        var patch = JsonMergePatch.Create(original is null ? null : JsonNode.Parse(original), JsonNode.Parse(modified));

        if (expected is null)
        {
            patch.Should().BeNull();
        }
        else
        {
            JsonNode.DeepEquals(patch, JsonNode.Parse(expected)).Should().BeTrue($"got {patch?.ToJsonString()}");
        }
    }
}
