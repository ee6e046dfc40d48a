using System.Text.RegularExpressions;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>IAM's parameter rules, from the service model (botocore's iam/2010-05-08), with AWS's messages.</summary>
public static partial class IamValidation
{
    public const string NamePattern = @"[\w+=,.@-]+";
    public const string PathPattern = @"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)";
    public const string PathPrefixPattern = @"\u002F[\u0021-\u007F]*";
    public const string DescriptionPattern = @"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*";
    public const string TagKeyPattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]+";
    public const string TagValuePattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]*";

    public static string RoleName(string value) => Check("roleName", value, 1, 64, NameRegex(), NamePattern);

    public static string PolicyName(string value) => Check("policyName", value, 1, 128, NameRegex(), NamePattern);

    public static string Path(string value, string field = "path") => Check(field, value, 1, 512, PathRegex(), PathPattern);

    /// <summary>A path prefix needs no closing slash: "/incident" lists "/incident-response/" too.</summary>
    public static string PathPrefix(string value) => Check("pathPrefix", value, 1, 512, PathPrefixRegex(), PathPrefixPattern);

    public static string Description(string value) => Check("description", value, 0, 1000, DescriptionRegex(), DescriptionPattern);

    public static string PolicyArn(string value, string field = "policyArn") => Check(field, value, 20, 2048, null, null);

    public static string PolicyDocument(string value, string field) =>
        Check(field, value, 1, 131072, null, null);

    public static int MaxSessionDuration(int value) => value is >= 3600 and <= 43200
        ? value
        : throw AwsErrors.Validation(
            $"1 validation error detected: Value '{value}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value {(value < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200")}");

    public static int MaxItems(int? value) => value switch
    {
        null => 100,
        >= 1 and <= 1000 => value.Value,
        _ => throw AwsErrors.Validation(
            $"1 validation error detected: Value '{value}' at 'maxItems' failed to satisfy constraint: Member must have value {(value < 1 ? "greater than or equal to 1" : "less than or equal to 1000")}"),
    };

    public static IamTag Tag(KeyValuePair<string, string> tag, int index)
    {
        Check($"tags.{index}.member.key", tag.Key, 1, 128, TagKeyRegex(), TagKeyPattern);
        Check($"tags.{index}.member.value", tag.Value, 0, 256, TagValueRegex(), TagValuePattern);
        return new IamTag(NotReserved(tag.Key), tag.Value);
    }

    public static string TagKey(string key, int index) => NotReserved(Check($"tagKeys.{index}.member", key, 1, 128, TagKeyRegex(), TagKeyPattern));

    // The aws: prefix, in any case, belongs to AWS (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
    private static string NotReserved(string key) => key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)
        ? throw new AwsServiceException("InvalidInput", ReservedTagKeyMessage, System.Net.HttpStatusCode.BadRequest)
        : key;

    /// <summary>The message for a tag key with the reserved aws: prefix (IAM's exact wording is not confirmed, see docs/aws-emulator.md).</summary>
    public const string ReservedTagKeyMessage = "User-defined tag keys can't start with 'aws:', which is reserved for AWS use.";

    private static string Check(string field, string value, int min, int max, Regex? regex, string? pattern)
    {
        if (value.Length < min || value.Length > max)
        {
            throw AwsErrors.LengthOutOfRange(field, value, min, max);
        }

        if (regex is not null && !regex.IsMatch(value))
        {
            throw AwsErrors.PatternMismatch(field, value, pattern!);
        }

        return value;
    }

    // Java's \w, which IAM uses, is ASCII only; .NET's is not.
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+$")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^((\u002F)|(\u002F[\u0021-\u007E]+\u002F))$")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"^\u002F[\u0021-\u007F]*$")]
    private static partial Regex PathPrefixRegex();

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$")]
    private static partial Regex DescriptionRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$")]
    private static partial Regex TagKeyRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex TagValueRegex();
}
