using System.CommandLine;
using System.Globalization;

namespace IrOperator.Cli;

/// <summary>
/// Command-line flags that stand for operator settings (docs/runtime.md, "Configuration"): each option is paired with
/// its settings key, and only the flags actually given override appsettings.json and the environment.
/// </summary>
internal sealed class SettingFlags(IReadOnlyList<(Option Option, string Key)> flags)
{
    /// <summary>Adds every flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var (option, _) in flags)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings keys and values of the flags given on this command line (none for flags left out).</summary>
    public Dictionary<string, string?> Given(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var (option, key) in flags)
        {
            var result = parse.GetResult(option);
            if (result is not null && !result.Implicit)
            {
                overrides[key] = Convert.ToString(result.GetValueOrDefault<object?>(), CultureInfo.InvariantCulture);
            }
        }
        return overrides;
    }
}
