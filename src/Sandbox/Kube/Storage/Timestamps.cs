using System.Globalization;

namespace IrOperator.Sandbox.Kube.Storage;

/// <summary>Kubernetes' metav1.Time wire format: RFC 3339 in UTC, whole seconds.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
