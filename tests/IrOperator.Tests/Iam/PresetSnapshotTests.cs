using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Iam.Presets;
using IrOperator.Resources;

namespace IrOperator.Tests.Iam;

/// <summary>
/// Pins each preset's content: the checked-in snapshot in PresetSnapshots/ must equal what the code
/// builds (default options), so any change to a preset shows in review as a snapshot diff next to
/// docs/presets.md.
/// </summary>
public class PresetSnapshotTests
{
    private const string UpdateVariable = "IROPERATOR_UPDATE_PRESET_SNAPSHOTS";

    [Theory]
    [InlineData(RolePreset.SecurityAnalyst)]
    [InlineData(RolePreset.ForensicInvestigator)]
    [InlineData(RolePreset.IncidentCommander)]
    public void Preset_content_matches_its_reviewed_snapshot(RolePreset preset)
    {
        var path = SnapshotPath(preset);
        var actual = Render(preset);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }

        File.Exists(path).Should().BeTrue($"the snapshot {path} is checked in");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        actual.Should().Be(expected,
            $"preset {preset} must match its reviewed snapshot. If the change is intended, update docs/presets.md with each action's reason, " +
            $"then run `{UpdateVariable}=1 dotnet test tests/IrOperator.Tests --filter FullyQualifiedName~PresetSnapshotTests` and commit the snapshot");
    }

    [Fact]
    public void None_grants_nothing() => Presets.For(RolePreset.None, new PresetOptions()).Should().BeEmpty();

    [Fact]
    public void Session_manager_and_quarantine_tags_are_configurable()
    {
        var options = new PresetOptions { SessionTagKey = "Team", SessionTagValue = "ir", QuarantineTagKey = "Isolation", QuarantineTagValue = "yes" };
        var json = string.Join("\n", Presets.For(RolePreset.IncidentCommander, options).Values.Select(d => d.ToJson()));
        json.Should().Contain("\"ssm:resourceTag/Team\":\"ir\"").And.Contain("\"aws:ResourceTag/Isolation\":\"yes\"");
    }

    private static string Render(RolePreset preset)
    {
        var root = new JsonObject();
        foreach (var (name, document) in Presets.For(preset, new PresetOptions()))
        {
            root[name] = JsonNode.Parse(document.ToJson());
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";
    }

    private static string SnapshotPath(RolePreset preset, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "PresetSnapshots", preset + ".json");
}
