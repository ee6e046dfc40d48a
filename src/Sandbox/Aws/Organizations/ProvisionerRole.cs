namespace IrOperator.Sandbox.Aws.Organizations;

/// <summary>
/// The role the operator assumes in each member account. Its permissions are least privilege: it
/// reads roles anywhere (so a missing role is NoSuchEntity, not AccessDenied: IAM authorizes a call
/// on a role that does not exist against <c>role/NAME</c>, without the path) and writes only roles
/// under <c>/incident-response/</c>. This is the document deploy/aws ships to member accounts.
/// </summary>
public static class ProvisionerRole
{
    public const string Name = "IrOperatorProvisioner";
    public const string ManagedPath = "/incident-response/";

    public const string PermissionsPolicyName = "IrOperatorProvisioner";

    public const string PermissionsPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "ManageIncidentResponseRoles", "Effect": "Allow",
             "Action": [
               "iam:CreateRole", "iam:UpdateRole", "iam:DeleteRole", "iam:UpdateAssumeRolePolicy",
               "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
               "iam:TagRole", "iam:UntagRole", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"
             ],
             "Resource": "arn:aws:iam::*:role/incident-response/*"},
            {"Sid": "ReadRoles", "Effect": "Allow",
             "Action": [
               "iam:GetRole", "iam:ListRoles", "iam:GetRolePolicy", "iam:ListRolePolicies",
               "iam:ListAttachedRolePolicies", "iam:ListRoleTags"
             ],
             "Resource": "*"}
          ]
        }
        """;

    /// <summary>
    /// Trusts the management account's operator identity: the <c>operator</c> user of the sandbox, or
    /// a role named IrOperator* (IRSA / EKS Pod Identity), narrowed by aws:PrincipalArn.
    /// </summary>
    public static string TrustPolicy(string managementAccountId) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "TrustOperator", "Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::{{managementAccountId}}:root"},
             "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
             "Condition": {"ArnLike": {"aws:PrincipalArn": [
               "arn:aws:iam::{{managementAccountId}}:user/operator",
               "arn:aws:iam::{{managementAccountId}}:role/IrOperator*"]} } }
          ]
        }
        """;
}
