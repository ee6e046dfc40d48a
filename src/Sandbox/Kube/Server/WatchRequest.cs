using IrOperator.Sandbox.Kube.Printing;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Selectors;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>A parsed watch: what to watch, from which revision, for how long, and how to render objects.</summary>
public sealed record WatchRequest(
    ResourceType Type,
    string? Namespace,
    long FromRevision,
    bool Bookmarks,
    TimeSpan Timeout,
    LabelSelector Labels,
    FieldSelector Fields,
    TableBuilder? Table,
    IncludeObject Include);
