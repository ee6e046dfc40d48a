namespace IrOperator.Tests.Cli;

/// <summary>Manifests for the plan tests, as YAML a platform team would commit.</summary>
internal static class PlanManifests
{
    public const string Prod = "333333333333";
    public const string Dev = "444444444444";

    /// <summary>A break-glass role in prod and dev with one inline policy allowing <paramref name="actions"/>.</summary>
    public static string Role(string name, string accounts = "ids: [\"333333333333\", \"444444444444\"]", string actions = "\"logs:GetLogEvents\"", string extra = "") => $$"""
        apiVersion: iroperator.io/v1alpha1
        kind: ResponderRole
        metadata:
          name: {{name}}
        spec:
          description: Plan test role
          preset: None
          maxSessionDuration: 1h
          inlinePolicies:
            logs-read:
              Version: "2012-10-17"
              Statement:
                - Sid: LogsRead
                  Effect: Allow
                  Action: [{{actions}}]
                  Resource: "*"
          accounts:
            {{accounts}}
          breakGlass:
            approvers:
              users: [bob]
            maxGrantDuration: 4h
        {{extra}}
        """;

    public static string Grant(string name, string role, string duration = "2h") => $$"""
        apiVersion: iroperator.io/v1alpha1
        kind: BreakGlassGrant
        metadata:
          name: {{name}}
          namespace: incident-response
        spec:
          role: {{role}}
          principalArn: arn:aws:iam::222222222222:role/responder
          requestedBy: alice
          accounts: ["333333333333"]
          duration: {{duration}}
          incident: INC-1
          reason: plan test
        """;
}
