using System.Text;

namespace IrOperator.Schema;

/// <summary>
/// An immutable field path rendered two ways, because the real server uses both: <see cref="ToString"/>
/// is k8s.io/apimachinery's <c>field.Path</c> (<c>spec.tags[key]</c>, used by CEL rule errors), and
/// <see cref="OpenApiName"/> is kube-openapi's validator name (<c>spec.tags.key</c>, used by schema errors).
/// </summary>
public sealed class FieldPath
{
    private enum SegmentKind
    {
        Root,
        Child,
        Index,
        Key,
    }

    private readonly FieldPath? _parent;
    private readonly string _segment;
    private readonly SegmentKind _kind;

    private FieldPath(FieldPath? parent, string segment, SegmentKind kind)
    {
        _parent = parent;
        _segment = segment;
        _kind = kind;
    }

    public static FieldPath Root { get; } = new(null, "", SegmentKind.Root);

    public bool IsRoot => _kind == SegmentKind.Root;

    public FieldPath Child(string name) => new(this, name, SegmentKind.Child);

    public FieldPath Index(int index) => new(this, index.ToString(System.Globalization.CultureInfo.InvariantCulture), SegmentKind.Index);

    public FieldPath Key(string key) => new(this, key, SegmentKind.Key);

    /// <summary>The field.Path text; the root is "&lt;nil&gt;" as Go prints a nil path (root-level CEL rules).</summary>
    public override string ToString() => IsRoot ? "<nil>" : Render(mapKeysAsChildren: false);

    /// <summary>The path as kube-openapi names it in "… in body …" details: map keys as <c>.key</c>.</summary>
    public string OpenApiName => Render(mapKeysAsChildren: true);

    private string Render(bool mapKeysAsChildren)
    {
        var segments = new List<FieldPath>();
        for (var p = this; p is { _kind: not SegmentKind.Root }; p = p._parent)
        {
            segments.Add(p);
        }

        segments.Reverse();
        var sb = new StringBuilder();
        foreach (var s in segments)
        {
            var kind = s._kind == SegmentKind.Key && mapKeysAsChildren ? SegmentKind.Child : s._kind;
            if (kind == SegmentKind.Child)
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(s._segment);
            }
            else
            {
                sb.Append('[').Append(s._segment).Append(']');
            }
        }

        return sb.ToString();
    }
}
