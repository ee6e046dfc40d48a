using System.Collections;
using System.Globalization;

namespace IrOperator.Schema.Cel;

/// <summary>
/// The parts of Kubernetes' CEL extension libraries (cel-go ext.Strings and k8s' lists library) that the
/// Cel package lacks and that CRD rules commonly use. Everything else in those libraries (quantity, url,
/// ip, cidr, regex find, format, isSorted, sum…) is NOT registered: a rule using it is refused at CRD
/// creation (undeclared reference), so the gap shows up loudly rather than as a silent pass.
/// </summary>
internal static class KubernetesCelLibrary
{
    /// <summary>Names registered here, for the reference checker.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
    {
        "lowerAscii", "upperAscii", "trim", "split", "join", "replace", "indexOf", "lastIndexOf", "substring",
    };

    public static void Register(global::Cel.CelEnvironment env)
    {
        env.RegisterFunction("lowerAscii", [typeof(string)], a => AsciiCase((string)a[0]!, upper: false));
        env.RegisterFunction("upperAscii", [typeof(string)], a => AsciiCase((string)a[0]!, upper: true));
        env.RegisterFunction("trim", [typeof(string)], a => ((string)a[0]!).Trim());
        env.RegisterFunction("split", [typeof(string), typeof(string)], a => ((string)a[0]!).Split((string)a[1]!).Cast<object?>().ToList());
        env.RegisterFunction("join", [typeof(IList)], a => Join((IList)a[0]!, ""));
        env.RegisterFunction("join", [typeof(IList), typeof(string)], a => Join((IList)a[0]!, (string)a[1]!));
        env.RegisterFunction("replace", [typeof(string), typeof(string), typeof(string)], a => ((string)a[0]!).Replace((string)a[1]!, (string)a[2]!, StringComparison.Ordinal));
        env.RegisterFunction("indexOf", [typeof(string), typeof(string)], a => (long)((string)a[0]!).IndexOf((string)a[1]!, StringComparison.Ordinal));
        env.RegisterFunction("lastIndexOf", [typeof(string), typeof(string)], a => (long)((string)a[0]!).LastIndexOf((string)a[1]!, StringComparison.Ordinal));
        // CEL has one int type (int64); the Cel package's size() yields an Int32, so a length computed with size()
        // (substring(size(p))) must be accepted as the int it is in CEL.
        foreach (var start in new[] { typeof(long), typeof(int) })
        {
            env.RegisterFunction("substring", [typeof(string), start], a => ((string)a[0]!)[Index(a[1])..]);
            foreach (var end in new[] { typeof(long), typeof(int) })
            {
                env.RegisterFunction("substring", [typeof(string), start, end], a => ((string)a[0]!)[Index(a[1])..Index(a[2])]);
            }
        }
    }

    private static int Index(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static string AsciiCase(string s, bool upper) =>
        string.Create(s.Length, (s, upper), static (span, state) =>
        {
            for (var i = 0; i < state.s.Length; i++)
            {
                var c = state.s[i];
                span[i] = state.upper ? (c is >= 'a' and <= 'z' ? (char)(c - 32) : c) : (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            }
        });

    private static string Join(IList list, string separator) =>
        string.Join(separator, list.Cast<object?>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture)));
}
