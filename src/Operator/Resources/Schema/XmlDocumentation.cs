using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IrOperator.Resources.Schema;

/// <summary>
/// Reads the <c>&lt;summary&gt;</c> of types and properties from the XML documentation file the compiler
/// writes next to the assembly, so the doc comments on the resource types become the schema's
/// descriptions (what <c>kubectl explain</c> shows).
/// </summary>
internal sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>Loads the documentation of <paramref name="assembly"/>; fails when it is missing, because the
    /// CRDs would silently lose their descriptions and no longer match deploy/helm/ir-operator/crds.</summary>
    public static XmlDocumentation For(Assembly assembly)
    {
        var fileName = assembly.GetName().Name + ".xml";
        var candidates = new[]
        {
            string.IsNullOrEmpty(assembly.Location) ? null : Path.Combine(Path.GetDirectoryName(assembly.Location)!, fileName),
            Path.Combine(AppContext.BaseDirectory, fileName),
        };
        var path = candidates.FirstOrDefault(p => p is not null && File.Exists(p))
            ?? throw new FileNotFoundException(
                $"The XML documentation {fileName} was not found next to the assembly; the CRD descriptions are generated from it " +
                "(the project sets GenerateDocumentationFile, and publish copies the file).", fileName);
        return Parse(XDocument.Load(path));
    }

    internal static XmlDocumentation Parse(XDocument document)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in document.Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is not null && summary is not null)
            {
                summaries[name] = Render(summary);
            }
        }

        return new XmlDocumentation(summaries);
    }

    public string? Summary(Type type) => _summaries.GetValueOrDefault("T:" + TypeId(type));

    public string? Summary(PropertyInfo property) =>
        _summaries.GetValueOrDefault("P:" + TypeId(property.DeclaringType!) + "." + property.Name);

    // Inherited properties are declared by the constructed generic base; the doc id names its definition.
    private static string TypeId(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName!.Replace('+', '.');

    private static string Render(XElement summary)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Append(summary, current, paragraphs);
        paragraphs.Add(current.ToString());
        return string.Join("\n\n", paragraphs.Select(Collapse).Where(p => p.Length > 0));
    }

    private static void Append(XElement element, StringBuilder current, List<string> paragraphs)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    current.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "para" } para:
                    paragraphs.Add(current.ToString());
                    current.Clear();
                    Append(para, current, paragraphs);
                    paragraphs.Add(current.ToString());
                    current.Clear();
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    current.Append(see.Attribute("langword")?.Value ?? ShortName(see.Attribute("cref")?.Value) ?? see.Value);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    current.Append(reference.Attribute("name")?.Value);
                    break;
                case XElement other:
                    Append(other, current, paragraphs);
                    break;
            }
        }
    }

    private static string? ShortName(string? cref) => cref?[(cref.LastIndexOf('.') + 1)..];

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
