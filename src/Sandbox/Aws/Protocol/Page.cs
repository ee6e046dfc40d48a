using System.Text;

namespace IrOperator.Sandbox.Aws.Protocol;

/// <summary>
/// One page of a listing. The marker (IAM's Marker, Organizations' NextToken) is opaque to clients:
/// here it is the base64 of the offset of the next item, good until the list changes underneath.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextMarker)
{
    public bool IsTruncated => NextMarker is not null;

    public static Page<T> Of(IReadOnlyList<T> all, string? marker, int pageSize, Func<AwsServiceException> invalidMarker)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(invalidMarker);
        var start = 0;
        if (!string.IsNullOrEmpty(marker))
        {
            try
            {
                start = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(marker)), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw invalidMarker();
            }

            if (start < 0 || start > all.Count)
            {
                throw invalidMarker();
            }
        }

        var items = all.Skip(start).Take(pageSize).ToList();
        var next = start + items.Count;
        return new Page<T>(items, next < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture))) : null);
    }
}
