using System.Text.RegularExpressions;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Sts;

/// <summary>
/// What an AssumeRole call asks for its session besides the role: session policies (<c>Policy</c>,
/// <c>PolicyArns.member.N.arn</c>), session tags (<c>Tags.member.N.Key/Value</c>), transitive tag keys
/// and the external id, validated with STS's constraints from botocore's model (sts/2011-06-15).
/// </summary>
public sealed partial record SessionRequest(
    string? Policy, IReadOnlyList<string> PolicyArns, IReadOnlyList<IamTag> Tags, IReadOnlyList<string> TransitiveTagKeys, string? ExternalId)
{
    /// <summary>STS packs session policies and tags into a fixed space; this is the emulator's stand-in for its size.</summary>
    private const int PackedSpace = 2048;

    public bool HasPackedContent => Policy is not null || PolicyArns.Count > 0 || Tags.Count > 0;

    public static SessionRequest Read(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = request.Optional("Policy");
        if (policy is not null && policy.Length is < 1 or > 2048)
        {
            throw AwsErrors.LengthOutOfRange("policy", policy, 1, 2048);
        }

        var arns = new List<string>();
        for (var index = 1; request.Optional($"PolicyArns.member.{index}.arn") is { } arn; index++)
        {
            arns.Add(arn.Length is >= 20 and <= 2048 ? arn : throw AwsErrors.LengthOutOfRange($"policyArns.{index}.member.arn", arn, 20, 2048));
        }

        if (arns.Count > 10)
        {
            throw AwsErrors.Validation("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
        }

        var tags = request.Pairs("Tags").Select((pair, index) => Tag(pair, index + 1)).ToList();
        if (tags.Count > 50)
        {
            throw AwsErrors.Validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
        }

        if (tags.Select(tag => tag.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count() != tags.Count)
        {
            throw new AwsServiceException("InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", System.Net.HttpStatusCode.BadRequest);
        }

        var transitive = request.List("TransitiveTagKeys");
        var externalId = request.Optional("ExternalId");
        if (externalId is not null)
        {
            if (externalId.Length is < 2 or > 1224)
            {
                throw AwsErrors.LengthOutOfRange("externalId", externalId, 2, 1224);
            }

            if (!ExternalIdRegex().IsMatch(externalId))
            {
                throw AwsErrors.PatternMismatch("externalId", externalId, @"[\w+=,.@:\/-]*");
            }
        }

        return new SessionRequest(policy, arns, tags, transitive, externalId);
    }

    /// <summary>
    /// The packed size as a percentage of the allowed space, as AssumeRole reports it in PackedPolicySize.
    /// AWS compresses with an undisclosed scheme; here every non-white-space character of the inline
    /// policy, each managed policy ARN and every tag's key and value count against 2,048.
    /// </summary>
    public int PackedSize(IReadOnlyList<IamTag> sessionTags)
    {
        ArgumentNullException.ThrowIfNull(sessionTags);
        var used = (Policy is null ? 0 : Policy.Count(character => !char.IsWhiteSpace(character)))
            + PolicyArns.Sum(arn => arn.Length)
            + sessionTags.Sum(tag => tag.Key.Length + tag.Value.Length);
        return (int)Math.Ceiling(100.0 * used / PackedSpace);
    }

    private static IamTag Tag(KeyValuePair<string, string> pair, int index)
    {
        if (pair.Key.Length is < 1 or > 128)
        {
            throw AwsErrors.LengthOutOfRange($"tags.{index}.member.key", pair.Key, 1, 128);
        }

        if (!TagRegex().IsMatch(pair.Key))
        {
            throw AwsErrors.PatternMismatch($"tags.{index}.member.key", pair.Key, IamValidation.TagKeyPattern);
        }

        if (pair.Value.Length > 256)
        {
            throw AwsErrors.LengthOutOfRange($"tags.{index}.member.value", pair.Value, 0, 256);
        }

        return new IamTag(pair.Key, pair.Value);
    }

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]*$")]
    private static partial Regex ExternalIdRegex();
}
