using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Tests.AwsEmulator.Policy;

/// <summary>The operator's documents exactly as docs/iam-model.md describes them, and the callers of the scenarios.</summary>
internal static class GrantDocuments
{
    public const string PrincipalAccount = "444455556666";
    public const string RoleAccount = "111122223333";
    public const string ResponderPattern = "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*";
    public const string ResponderRoleArn = "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_0123456789abcdef";
    public const string GrantedRoleArn = "arn:aws:iam::111122223333:role/incident-response/ir-forensic-investigator";
    public const string TrustSid = "IrGrant3f9a2c1b";
    public const string DenySid = "IrEnd7d41e0aa";

    public static readonly DateTimeOffset WindowStart = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset WindowEnd = WindowStart.AddHours(2);

    public static (DateTimeOffset Start, DateTimeOffset End) Window => (WindowStart, WindowEnd);

    public static string TrustPolicy((DateTimeOffset Start, DateTimeOffset End) window, string sourceIdentity = "alice") => $$$"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"{{{TrustSid}}}","Effect":"Allow",
           "Principal":{"AWS":"arn:aws:iam::{{{PrincipalAccount}}}:root"},
           "Action":["sts:AssumeRole","sts:SetSourceIdentity"],
           "Condition":{
             "ArnLike":{"aws:PrincipalArn":"{{{ResponderPattern}}}"},
             "StringEquals":{"sts:SourceIdentity":"{{{sourceIdentity}}}"},
             "DateGreaterThanEquals":{"aws:CurrentTime":"{{{PolicyDate.Format(window.Start)}}}"},
             "DateLessThan":{"aws:CurrentTime":"{{{PolicyDate.Format(window.End)}}}"}}
          }]}
        """;

    public static string EndOfAccessDeny(string sourceIdentity, DateTimeOffset end) => $$$"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"{{{DenySid}}}","Effect":"Deny","Action":"*","Resource":"*",
           "Condition":{
             "StringEquals":{"aws:SourceIdentity":"{{{sourceIdentity}}}"},
             "DateGreaterThanEquals":{"aws:CurrentTime":"{{{PolicyDate.Format(end)}}}"},
             "DateLessThan":{"aws:TokenIssueTime":"{{{PolicyDate.Format(end)}}}"}}
          }]}
        """;

    /// <summary>A permissions policy standing in for the role's preset.</summary>
    public const string Permissions = """
        {"Version":"2012-10-17","Statement":[{"Sid":"Investigate","Effect":"Allow","Action":["ec2:Describe*","logs:*","iam:GetRole"],"Resource":"*"}]}
        """;

    /// <summary>A responder's Identity Center session (in the principal account) calling AssumeRole on the granted role.</summary>
    public static RequestContext AssumeRole(DateTimeOffset at, string? sourceIdentity = "alice", string callerRoleArn = ResponderRoleArn)
    {
        var caller = CallerIdentity.Session(callerRoleArn, "alice@example.com", at.AddMinutes(-30));
        var context = RequestContext.Create(caller, "sts:AssumeRole", GrantedRoleArn, at);
        return sourceIdentity is null ? context : context.With(ContextKeys.StsSourceIdentity, sourceIdentity);
    }

    /// <summary>A session of the granted role, issued at <paramref name="issuedAt"/>, calling <paramref name="action"/> at <paramref name="at"/>.</summary>
    public static RequestContext GrantedSessionCall(string? sourceIdentity, DateTimeOffset issuedAt, DateTimeOffset at, string action = "ec2:DescribeInstances")
    {
        var caller = CallerIdentity.Session(GrantedRoleArn, sourceIdentity ?? "anonymous", issuedAt, sourceIdentity);
        return RequestContext.Create(caller, action, "*", at);
    }
}
