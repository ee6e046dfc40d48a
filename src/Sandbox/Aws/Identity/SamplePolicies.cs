namespace IrOperator.Sandbox.Aws.Identity;

/// <summary>
/// The identity policies of the sample organization's people: what each may do, as real documents.
/// </summary>
public static class SamplePolicies
{
    /// <summary>
    /// The operator's own identity (in the management account): read the organization and assume
    /// the provisioner role in member accounts, setting a source identity and session tags.
    /// </summary>
    public const string Operator = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "AssumeProvisioner", "Effect": "Allow",
             "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
             "Resource": "arn:aws:iam::*:role/IrOperatorProvisioner"},
            {"Sid": "ReadOrganization", "Effect": "Allow",
             "Action": ["organizations:Describe*", "organizations:List*"],
             "Resource": "*"}
          ]
        }
        """;

    /// <summary>A responder (alice, bob): may ask to assume any role; the role's trust policy decides.</summary>
    public const string Responder = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "AssumeResponderRoles", "Effect": "Allow",
             "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
             "Resource": "*"}
          ]
        }
        """;

    /// <summary>The admin-&lt;account&gt; users: AdministratorAccess.</summary>
    public const string Administrator = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""";
}
