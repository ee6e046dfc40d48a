using System.CommandLine;

namespace IrOperator.Cli.Grants;

/// <summary><c>-o/--output table|json|yaml</c>, as kubectl spells it.</summary>
public static class OutputOption
{
    public static Option<OutputFormat> Create()
    {
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = "table (default), json or yaml.",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        // Completion offers the lower-case names people type (the parser accepts any case).
        option.CompletionSources.Clear();
        option.CompletionSources.Add("table", "json", "yaml");
        return option;
    }
}
