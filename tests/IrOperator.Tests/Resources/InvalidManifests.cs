using System.Text.Json.Nodes;

namespace IrOperator.Tests.Resources;

/// <summary>The manifests a bad GitOps change or a careless grant request could bring, each with the field the error must name.</summary>
internal static class InvalidManifests
{
    private const string Role = "ResponderRole";
    private const string Grant = "BreakGlassGrant";

    public static readonly IReadOnlyList<InvalidManifest> All =
    [
        // ResponderRole: IAM names and paths
        new("role name with a space", Role, "spec.roleName", m => Spec(m)["roleName"] = "ir forensic"),
        new("role name of 65 characters", Role, "spec.roleName", m => Spec(m)["roleName"] = new string('r', 65)),
        new("role name with a non-ASCII letter", Role, "spec.roleName", m => Spec(m)["roleName"] = "ir-rôle"),
        new("path without the trailing slash", Role, "spec.path", m => Spec(m)["path"] = "/incident-response"),
        new("path with a space", Role, "spec.path", m => Spec(m)["path"] = "/incident response/"),
        new("metadata.name too long for the default role name", Role, "metadata.name", m =>
        {
            Spec(m).Remove("roleName");
            m["metadata"]!["name"] = new string('a', 62);
        }),

        // ResponderRole: durations
        new("maxSessionDuration over 12h", Role, "spec.maxSessionDuration", m => Spec(m)["maxSessionDuration"] = "13h"),
        new("maxSessionDuration under 1h", Role, "spec.maxSessionDuration", m => Spec(m)["maxSessionDuration"] = "30m"),
        new("maxSessionDuration in words", Role, "spec.maxSessionDuration", m => Spec(m)["maxSessionDuration"] = "one hour"),
        new("maxGrantDuration over 12h", Role, "spec.breakGlass.maxGrantDuration", m => Spec(m)["breakGlass"]!["maxGrantDuration"] = "24h"),
        new("maxGrantDuration in days", Role, "spec.breakGlass.maxGrantDuration", m => Spec(m)["breakGlass"]!["maxGrantDuration"] = "1d"),
        new("allowedPrincipals names a group", Role, "spec.breakGlass.allowedPrincipals[0]", m => Spec(m)["breakGlass"]!["allowedPrincipals"] = new JsonArray("arn:aws:iam::222222222222:group/responders")),
        new("allowedPrincipals names an STS session", Role, "spec.breakGlass.allowedPrincipals[0]", m => Spec(m)["breakGlass"]!["allowedPrincipals"] = new JsonArray("arn:aws:sts::222222222222:assumed-role/responder/alice")),
        new("allowedPrincipals repeats a pattern", Role, "spec.breakGlass.allowedPrincipals[1]", m => Spec(m)["breakGlass"]!["allowedPrincipals"] = new JsonArray("arn:aws:iam::222222222222:role/*", "arn:aws:iam::222222222222:role/*")),

        // ResponderRole: accounts
        new("account id of 11 digits", Role, "spec.accounts.ids[0]", m => Spec(m)["accounts"]!["ids"] = new JsonArray("33333333333")),
        new("excluded account id with letters", Role, "spec.accounts.exclude[0]", m => Spec(m)["accounts"]!["exclude"] = new JsonArray("44444444444x")),
        new("malformed organizational unit", Role, "spec.accounts.organizationalUnits[0]", m => Spec(m)["accounts"]!["organizationalUnits"] = new JsonArray("prod-ou")),
        new("an account listed twice", Role, "spec.accounts.ids[1]", m => Spec(m)["accounts"]!["ids"] = new JsonArray("333333333333", "333333333333")),
        new("accounts selecting nothing", Role, "spec.accounts", m => Spec(m)["accounts"] = new JsonObject()),

        // ResponderRole: permissions, trust and approvals
        new("unknown preset", Role, "spec.preset", m => Spec(m)["preset"] = "AdministratorAccess"),
        new("unknown deletion policy", Role, "spec.deletionPolicy", m => Spec(m)["deletionPolicy"] = "Orphan"),
        new("managed policy ARN that is a role", Role, "spec.managedPolicyArns[0]", m => Spec(m)["managedPolicyArns"] = new JsonArray("arn:aws:iam::333333333333:role/admin")),
        new("inline policy name reserved for the operator", Role, "spec.inlinePolicies", m => Spec(m)["inlinePolicies"] = new JsonObject { ["iroperator-end-of-access"] = new JsonObject { ["Version"] = "2012-10-17" } }),
        new("tag key in the aws: namespace", Role, "spec.tags", m => Spec(m)["tags"] = new JsonObject { ["aws:owner"] = "me" }),
        new("standing trust and break-glass together", Role, "spec", m => Spec(m)["trust"] = new JsonObject { ["principals"] = new JsonArray("arn:aws:iam::222222222222:role/oncall") }),
        new("standing trust for a wildcard role", Role, "spec.trust.principals[0]", m =>
        {
            Spec(m).Remove("breakGlass");
            Spec(m)["trust"] = new JsonObject { ["principals"] = new JsonArray("arn:aws:iam::222222222222:role/*") };
        }),
        new("break-glass without approvers", Role, "spec.breakGlass.approvers", m => Spec(m)["breakGlass"]!["approvers"] = new JsonObject()),
        new("minApprovals of 6", Role, "spec.breakGlass.minApprovals", m => Spec(m)["breakGlass"]!["minApprovals"] = 6),
        new("minApprovals of 0", Role, "spec.breakGlass.minApprovals", m => Spec(m)["breakGlass"]!["minApprovals"] = 0),
        new("two-person rule with one approver", Role, "spec.breakGlass", m =>
        {
            Spec(m)["breakGlass"]!["approvers"] = new JsonObject { ["users"] = new JsonArray("bob") };
            Spec(m)["breakGlass"]!["minApprovals"] = 2;
        }),

        // BreakGlassGrant: who and why
        new("grant without incident", Grant, "spec.incident", m => Spec(m).Remove("incident")),
        new("grant without reason", Grant, "spec.reason", m => Spec(m).Remove("reason")),
        new("grant with a blank reason", Grant, "spec.reason", m => Spec(m)["reason"] = "   "),
        new("grant with an empty incident", Grant, "spec.incident", m => Spec(m)["incident"] = ""),
        new("grant without requestedBy", Grant, "spec.requestedBy", m => Spec(m).Remove("requestedBy")),
        new("grant without principalArn", Grant, "spec.principalArn", m => Spec(m).Remove("principalArn")),
        new("grant naming a role that is not an object name", Grant, "spec.role", m => Spec(m)["role"] = "Forensic_Investigator"),

        // BreakGlassGrant: principal ARNs
        new("principal is a wildcard role", Grant, "spec.principalArn", m => Spec(m)["principalArn"] = "arn:aws:iam::222222222222:role/resp*"),
        new("principal in any account", Grant, "spec.principalArn", m => Spec(m)["principalArn"] = "arn:aws:iam::*:role/responder"),
        new("principal is an account root", Grant, "spec.principalArn", m => Spec(m)["principalArn"] = "arn:aws:iam::222222222222:root"),
        new("principal is an STS session", Grant, "spec.principalArn", m => Spec(m)["principalArn"] = "arn:aws:sts::222222222222:assumed-role/responder/alice"),
        new("principal is every Identity Center role", Grant, "spec.principalArn", m => Spec(m)["principalArn"] = "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/*"),

        // BreakGlassGrant: durations and accounts
        new("grant duration in days", Grant, "spec.duration", m => Spec(m)["duration"] = "1d"),
        new("grant duration over 12h", Grant, "spec.duration", m => Spec(m)["duration"] = "13h"),
        new("grant duration under 1m", Grant, "spec.duration", m => Spec(m)["duration"] = "59s"),
        new("grant account id too short", Grant, "spec.accounts[0]", m => Spec(m)["accounts"] = new JsonArray("3333")),

        // BreakGlassGrant: immutability
        new("grant spec changed after creation", Grant, "spec", m => Spec(m)["duration"] = "4h", IsUpdate: true),
        new("grant principal swapped after creation", Grant, "spec", m => Spec(m)["principalArn"] = "arn:aws:iam::222222222222:role/mallory", IsUpdate: true),
    ];

    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static InvalidManifest Named(string name) => All.Single(c => c.Name == name);

    private static JsonObject Spec(JsonObject manifest) => manifest["spec"]!.AsObject();
}
