using System.Text;
using k8s;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>Writes CRDs as YAML: one file per CRD (named after the CRD) or one multi-document stream.</summary>
public static class CrdYaml
{
    /// <summary>The file a CRD is written to, e.g. <c>responderroles.iroperator.io.yaml</c>.</summary>
    public static string FileName(V1CustomResourceDefinition crd) => crd.Metadata.Name + ".yaml";

    public static string Serialize(V1CustomResourceDefinition crd)
    {
        var yaml = KubernetesYaml.Serialize(crd);
        return yaml.EndsWith('\n') ? yaml : yaml + "\n";
    }

    /// <summary>All CRDs as one stream, each document starting with <c>---</c>.</summary>
    public static string SerializeAll(IEnumerable<V1CustomResourceDefinition> crds)
    {
        var text = new StringBuilder();
        foreach (var crd in crds)
        {
            text.Append("---\n").Append(Serialize(crd));
        }

        return text.ToString();
    }

    /// <summary>Writes one file per CRD into <paramref name="directory"/> (created if missing) and returns their paths.</summary>
    public static IReadOnlyList<string> WriteFiles(IEnumerable<V1CustomResourceDefinition> crds, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var crd in crds)
        {
            var path = Path.Combine(directory, FileName(crd));
            File.WriteAllText(path, Serialize(crd), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            paths.Add(path);
        }

        return paths;
    }
}
