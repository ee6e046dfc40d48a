using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using IrOperator.Iam.Presets;
using IrOperator.Resources;

namespace IrOperator.Tests.Iam;

/// <summary>
/// Every action a preset names is an operation in botocore's service model on this machine
/// (botocore/data/&lt;service&gt;/&lt;newest version&gt;/service-2.json[.gz]), so a typo cannot ship.
/// </summary>
public class PresetActionsTests
{
    // IAM action prefix -> botocore service folder, where they differ (cloudwatch's endpoint is
    // "monitoring" but its folder is "cloudwatch"; these happen to match the prefixes used).
    private static readonly Dictionary<string, string> BotocoreFolders = new(StringComparer.Ordinal)
    {
        ["cloudtrail"] = "cloudtrail",
        ["cloudwatch"] = "cloudwatch",
        ["config"] = "config",
        ["ec2"] = "ec2",
        ["iam"] = "iam",
        ["logs"] = "logs",
        ["organizations"] = "organizations",
        ["ssm"] = "ssm",
        ["sts"] = "sts",
    };

    [Fact]
    public void Every_preset_action_is_an_operation_in_botocores_service_models()
    {
        var data = Path.Combine(BotocoreDirectory(), "data");
        var operations = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var missing = new List<string>();
        var checkedCount = 0;
        foreach (var action in AllPresetActions())
        {
            var parts = action.Split(':');
            parts.Should().HaveCount(2, $"{action} is service:action");
            parts[1].Should().NotContainAny(["*", "?"], $"presets name exact actions ({action})");
            BotocoreFolders.Should().ContainKey(parts[0], $"the botocore folder of the IAM prefix \"{parts[0]}\" must be added to {nameof(BotocoreFolders)}");
            if (!operations.TryGetValue(parts[0], out var known))
            {
                known = Operations(data, BotocoreFolders[parts[0]]);
                operations[parts[0]] = known;
            }

            if (!known.Contains(parts[1]))
            {
                missing.Add(action);
            }

            checkedCount++;
        }

        checkedCount.Should().BeGreaterThan(50);
        missing.Should().BeEmpty("every action must be an operation of its service (spelled as in the service model)");
    }

    [Fact]
    public void The_check_catches_a_misspelled_action()
    {
        var known = Operations(Path.Combine(BotocoreDirectory(), "data"), "logs");
        known.Should().Contain("GetLogEvents").And.NotContain("GetLogEvent");
    }

    private static IEnumerable<string> AllPresetActions() =>
        Enum.GetValues<RolePreset>()
            .SelectMany(preset => Presets.For(preset, new PresetOptions()).Values)
            .SelectMany(document => document.Statements)
            .SelectMany(statement => statement.Action ?? statement.NotAction ?? [])
            .Distinct(StringComparer.Ordinal);

    private static HashSet<string> Operations(string data, string folder)
    {
        var versions = Directory.Exists(Path.Combine(data, folder))
            ? Directory.GetDirectories(Path.Combine(data, folder)).Order(StringComparer.Ordinal).ToList()
            : throw new InvalidOperationException($"botocore has no service folder {folder} under {data}");
        var newest = versions.Last();
        var plain = Path.Combine(newest, "service-2.json");
        using var stream = File.Exists(plain)
            ? (Stream)File.OpenRead(plain)
            : new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
        using var model = JsonDocument.Parse(stream);
        return model.RootElement.GetProperty("operations").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static string BotocoreDirectory()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("This test needs python3 with botocore on PATH (pip install botocore) to check preset actions against the AWS service models.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd().Trim();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 && Directory.Exists(output)
                ? output
                : throw new InvalidOperationException($"Could not locate botocore through python3 (exit {process.ExitCode}): {error}. Install it with pip install botocore.");
        }
    }
}
