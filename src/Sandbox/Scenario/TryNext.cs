using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// What the running sandbox suggests after its addresses: the grant story by hand, as commands to copy (the same
/// steps as <see cref="GrantScenario"/>; docs/walkthrough.md explains each), and the narrated scenario.
/// </summary>
public static class TryNext
{
    public const string GrantName = "alice-try";

    public static IReadOnlyList<string> Lines(string kubeconfig, string awsEnvFile)
    {
        var prod = GrantScenario.RoleArn(GrantScenario.Accounts[0]);
        var grant = new JsonObject
        {
            ["apiVersion"] = "iroperator.io/v1alpha1",
            ["kind"] = "BreakGlassGrant",
            ["metadata"] = new JsonObject { ["name"] = GrantName },
            ["spec"] = new JsonObject
            {
                ["role"] = GrantScenario.RoleName,
                ["principalArn"] = GrantScenario.PrincipalArn,
                ["requestedBy"] = GrantScenario.Requester,
                ["accounts"] = new JsonArray(GrantScenario.Accounts[0]),
                ["duration"] = "3m",
                ["incident"] = "INC-0001",
                ["reason"] = "trying the sandbox",
            },
        }.ToJsonString();
        return
        [
            "Try next: a grant by hand (another terminal, repository root; docs/walkthrough.md explains each step):",
            $"  export KUBECONFIG={kubeconfig}; source {awsEnvFile}",
            $"  echo '{grant}' | kubectl --context alice -n {GrantScenario.Namespace} create -f -",
            $"  kubectl --context alice -n {GrantScenario.Namespace} get bgg {GrantName} -w            # in a third terminal",
            $"  kubectl --context bob -n {GrantScenario.Namespace} annotate bgg {GrantName} 'approval.iroperator.io/bob=bob'",
            $"  aws --profile alice sts assume-role --role-arn {prod} --role-session-name alice --source-identity alice",
            $"  kubectl --context alice -n {GrantScenario.Namespace} describe bgg {GrantName}           # events, expiresAt",
            "Or watch the whole story narrated in under a minute, in a sandbox of its own:",
            "  dotnet run --project src/Sandbox -- --scenario --state-dir .sandbox/scenario",
            "",
        ];
    }
}
