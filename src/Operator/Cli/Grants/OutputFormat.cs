namespace IrOperator.Cli.Grants;

/// <summary>How <c>list</c> and <c>show</c> print: a table for people, JSON or YAML (the objects as the API returns them) for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
