namespace IrOperator.Cli.Plan;

/// <summary>
/// An error or a note about one manifest document, naming where it is: the file, the document's 1-based
/// index in that file (counting non-empty YAML documents), its kind and name when they are known, and the
/// field (a Kubernetes field path such as <c>spec.breakGlass.minApprovals</c>; empty for the whole document).
/// </summary>
public sealed record PlanProblem(string File, int Document, string? Kind, string? Name, string Field, string Message)
{
    /// <summary>E.g. <c>roles/a.yaml, document 2 (ResponderRole analyst): spec.maxSessionDuration: must be ...</c>.</summary>
    public override string ToString()
    {
        var where = Document > 0 ? $"{File}, document {Document}" : File;
        var what = Kind is null ? "" : $" ({Kind}{(string.IsNullOrEmpty(Name) ? "" : " " + Name)})";
        var field = string.IsNullOrEmpty(Field) ? "" : Field + ": ";
        return $"{where}{what}: {field}{Message}";
    }
}
