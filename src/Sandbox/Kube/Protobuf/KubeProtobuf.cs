using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Sandbox.Kube.Protobuf;

/// <summary>
/// Reads the protobuf bodies kubectl's typed commands send for built-in kinds (<c>kubectl create
/// namespace|configmap|secret</c> use <c>application/vnd.kubernetes.protobuf</c> and do not fall back
/// to JSON), and so do <c>kubectl auth can-i</c> and <c>auth whoami</c> for the access reviews and
/// <c>kubectl create role|clusterrole|rolebinding|clusterrolebinding</c>. Only
/// those kinds and the metadata fields a create sets are read; the field numbers are those of
/// k8s.io/api's generated.proto. Other kinds are refused (the caller answers 415).
/// </summary>
public static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    // Every protobuf body starts with this magic, then a runtime.Unknown envelope.
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>The object as JSON, or null when the kind is not one this reader knows.</summary>
    public static JsonObject? Decode(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw StatusObjects.BadRequest("the body of the request could not be decoded: it does not start with the Kubernetes protobuf magic number");
        }

        string apiVersion = "", kind = "";
        var raw = ByteString.Empty;
        foreach (var (field, value) in Fields(ByteString.CopyFrom(body, Magic.Length, body.Length - Magic.Length)))
        {
            switch (field)
            {
                case 1:
                    foreach (var (typeField, typeValue) in Fields(value))
                    {
                        if (typeField == 1)
                        {
                            apiVersion = typeValue.ToStringUtf8();
                        }
                        else if (typeField == 2)
                        {
                            kind = typeValue.ToStringUtf8();
                        }
                    }

                    break;
                case 2:
                    raw = value;
                    break;
            }
        }

        var obj = (apiVersion, kind) switch
        {
            ("v1", "Namespace") => Namespace(raw),
            ("v1", "ConfigMap") => ConfigMap(raw),
            ("v1", "Secret") => Secret(raw),
            ("authorization.k8s.io/v1", "SelfSubjectAccessReview" or "SubjectAccessReview" or "LocalSubjectAccessReview") => AccessReview(raw),
            ("authorization.k8s.io/v1", "SelfSubjectRulesReview") => RulesReview(raw),
            ("authentication.k8s.io/v1", "SelfSubjectReview") => Metadata(raw),
            ("rbac.authorization.k8s.io/v1", "Role" or "ClusterRole") => RbacRole(raw),
            ("rbac.authorization.k8s.io/v1", "RoleBinding" or "ClusterRoleBinding") => RbacBinding(raw),
            _ => null,
        };
        if (obj is not null)
        {
            obj["apiVersion"] = apiVersion;
            obj["kind"] = kind;
        }

        return obj;
    }

    private static JsonObject Namespace(ByteString raw)
    {
        var obj = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            if (field == 1)
            {
                obj["metadata"] = ObjectMeta(value);
            }
            else if (field == 2)
            {
                var finalizers = new JsonArray();
                foreach (var (_, finalizer) in Fields(value).Where(f => f.Field == 1))
                {
                    finalizers.Add(finalizer.ToStringUtf8());
                }

                obj["spec"] = new JsonObject { ["finalizers"] = finalizers };
            }
        }

        return obj;
    }

    private static JsonObject ConfigMap(ByteString raw)
    {
        var obj = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: obj["metadata"] = ObjectMeta(value); break;
                case 2: AddEntry(obj, "data", value, asBytes: false); break;
                case 3: AddEntry(obj, "binaryData", value, asBytes: true); break;
                case 4: obj["immutable"] = value.Length > 0 && value[0] != 0; break;
            }
        }

        return obj;
    }

    private static JsonObject Secret(ByteString raw)
    {
        var obj = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: obj["metadata"] = ObjectMeta(value); break;
                case 2: AddEntry(obj, "data", value, asBytes: true); break;
                case 3: obj["type"] = value.ToStringUtf8(); break;
                case 4: AddEntry(obj, "stringData", value, asBytes: false); break;
                case 5: obj["immutable"] = value.Length > 0 && value[0] != 0; break;
            }
        }

        return obj;
    }

    /// <summary>(Self|Local)SubjectAccessReview: 1 metadata, 2 spec (1 resourceAttributes, 2 nonResourceAttributes, 3 user, 4 groups, 6 uid).</summary>
    private static JsonObject AccessReview(ByteString raw)
    {
        var obj = Metadata(raw);
        var spec = new JsonObject();
        foreach (var (_, value) in Fields(raw).Where(f => f.Field == 2))
        {
            foreach (var (field, part) in Fields(value))
            {
                switch (field)
                {
                    case 1: spec["resourceAttributes"] = Strings(part, "namespace", "verb", "group", "version", "resource", "subresource", "name"); break;
                    case 2: spec["nonResourceAttributes"] = Strings(part, "path", "verb"); break;
                    case 3: spec["user"] = part.ToStringUtf8(); break;
                    case 4:
                        var groups = spec["groups"] as JsonArray ?? [];
                        groups.Add(part.ToStringUtf8());
                        spec["groups"] = groups;
                        break;
                    case 6: spec["uid"] = part.ToStringUtf8(); break;
                }
            }
        }

        obj["spec"] = spec;
        return obj;
    }

    /// <summary>Role, ClusterRole: 1 metadata, 2 rules (1 verbs, 2 apiGroups, 3 resources, 4 resourceNames, 5 nonResourceURLs).</summary>
    private static JsonObject RbacRole(ByteString raw)
    {
        var obj = Metadata(raw);
        var rules = new JsonArray();
        foreach (var (_, value) in Fields(raw).Where(f => f.Field == 2))
        {
            var rule = new JsonObject();
            string[] names = ["verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"];
            foreach (var (field, part) in Fields(value).Where(f => f.Field >= 1 && f.Field <= names.Length))
            {
                var list = rule[names[field - 1]] as JsonArray ?? [];
                list.Add(part.ToStringUtf8());
                rule[names[field - 1]] = list;
            }

            rules.Add(rule);
        }

        obj["rules"] = rules;
        return obj;
    }

    /// <summary>RoleBinding, ClusterRoleBinding: 1 metadata, 2 subjects (1 kind, 2 apiGroup, 3 name, 4 namespace), 3 roleRef (1 apiGroup, 2 kind, 3 name).</summary>
    private static JsonObject RbacBinding(ByteString raw)
    {
        var obj = Metadata(raw);
        var subjects = new JsonArray();
        foreach (var (field, value) in Fields(raw))
        {
            if (field == 2)
            {
                subjects.Add(Strings(value, "kind", "apiGroup", "name", "namespace"));
            }
            else if (field == 3)
            {
                obj["roleRef"] = Strings(value, "apiGroup", "kind", "name");
            }
        }

        obj["subjects"] = subjects;
        return obj;
    }

    /// <summary>SelfSubjectRulesReview: 1 metadata, 2 spec (1 namespace).</summary>
    private static JsonObject RulesReview(ByteString raw)
    {
        var obj = Metadata(raw);
        obj["spec"] = Fields(raw).Where(f => f.Field == 2).Select(f => Strings(f.Value, "namespace")).LastOrDefault() ?? new JsonObject();
        return obj;
    }

    private static JsonObject Metadata(ByteString raw)
    {
        var obj = new JsonObject();
        foreach (var (_, value) in Fields(raw).Where(f => f.Field == 1))
        {
            obj["metadata"] = ObjectMeta(value);
        }

        return obj;
    }

    /// <summary>A message of string fields numbered 1, 2, ... in the order of <paramref name="names"/>.</summary>
    private static JsonObject Strings(ByteString raw, params string[] names)
    {
        var obj = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            if (field >= 1 && field <= names.Length)
            {
                obj[names[field - 1]] = value.ToStringUtf8();
            }
        }

        return obj;
    }

    private static JsonObject ObjectMeta(ByteString raw)
    {
        var metadata = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: metadata["name"] = value.ToStringUtf8(); break;
                case 2: metadata["generateName"] = value.ToStringUtf8(); break;
                case 3: metadata["namespace"] = value.ToStringUtf8(); break;
                case 11: AddEntry(metadata, "labels", value, asBytes: false); break;
                case 12: AddEntry(metadata, "annotations", value, asBytes: false); break;
                case 14:
                    var finalizers = metadata["finalizers"] as JsonArray ?? [];
                    finalizers.Add(value.ToStringUtf8());
                    metadata["finalizers"] = finalizers;
                    break;
            }
        }

        return metadata;
    }

    /// <summary>A map field arrives as one entry message (1: key, 2: value) per pair.</summary>
    private static void AddEntry(JsonObject target, string property, ByteString entry, bool asBytes)
    {
        string key = "";
        var value = ByteString.Empty;
        foreach (var (field, bytes) in Fields(entry))
        {
            if (field == 1)
            {
                key = bytes.ToStringUtf8();
            }
            else if (field == 2)
            {
                value = bytes;
            }
        }

        var map = target[property] as JsonObject ?? [];
        map[key] = asBytes ? Convert.ToBase64String(value.ToByteArray()) : Encoding.UTF8.GetString(value.Span);
        target[property] = map;
    }

    /// <summary>The fields of a message: length-delimited ones as bytes, varints as their little-endian bytes; others skipped.</summary>
    private static IEnumerable<(int Field, ByteString Value)> Fields(ByteString message)
    {
        var fields = new List<(int, ByteString)>();
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited:
                    fields.Add((number, input.ReadBytes()));
                    break;
                case WireFormat.WireType.Varint:
                    fields.Add((number, ByteString.CopyFrom(BitConverter.GetBytes(input.ReadUInt64()))));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return fields;
    }
}
