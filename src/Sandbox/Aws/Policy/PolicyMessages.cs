namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// IAM's MalformedPolicyDocument message texts, as the IAM API (not the console's policy editor)
/// returns them. The console says "Has prohibited field Principal" for an identity policy with a
/// principal; the API (PutRolePolicy, CreatePolicy) says "Policy document should not specify a
/// principal.", and that is what the AWS CLI and SDKs show.
/// </summary>
public static class PolicyMessages
{
    public const string SyntaxErrors = "Syntax errors in policy.";
    public const string LegacyParsing = "The policy failed legacy parsing";
    public const string SidNotUnique = "Statement IDs (SID) in a single policy must be unique.";
    public const string SidNotAlphanumeric =
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";
    public const string MissingActions = "Policy statement must contain actions.";
    public const string MissingResources = "Policy statement must contain resources.";
    public const string MissingPrincipal = "Missing required field Principal";
    public const string IdentityWithPrincipal = "Policy document should not specify a principal.";
    public const string TrustWithResource = "Has prohibited field Resource";
    public const string ActionWithoutVendor = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    public const string ActionWithTwoColons = "Actions/Condition can contain only one colon.";
    // Two spaces before "and": that is how IAM spells it.
    public const string TrustActions =
        "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity";

    public static string InvalidVendor(string vendor) => $"Vendor {vendor} is not valid";

    public static string ResourceNotArn(string resource) => $"Resource {resource} must be in ARN format or \"*\".";

    public static string InvalidPrincipal(string type, string value) => $"Invalid principal in policy: \"{type}\":\"{value}\"";
}
