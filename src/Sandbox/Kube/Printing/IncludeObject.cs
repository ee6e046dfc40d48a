namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>The <c>includeObject</c> table option: what each row's <c>object</c> carries.</summary>
public enum IncludeObject
{
    /// <summary>No object (row.object is null).</summary>
    None,

    /// <summary>A <c>PartialObjectMetadata</c> (the server's default, and what kubectl asks for).</summary>
    Metadata,

    /// <summary>The whole object.</summary>
    Object,
}
