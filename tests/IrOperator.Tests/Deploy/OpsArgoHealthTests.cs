namespace IrOperator.Tests.Deploy;

/// <summary>
/// The Argo CD health scripts (deploy/argocd/health-*.lua) under Lua 5.1, the language Argo CD runs them in,
/// on sample objects of each phase and condition (status shapes of deploy/crds; reasons of docs/grants.md and
/// docs/responder-roles.md), with dkjson reading the objects and only Argo CD's libraries visible.
/// </summary>
public sealed class OpsArgoHealthTests
{
    private const string Meta = """ "apiVersion": "iroperator.io/v1alpha1", "metadata": {"name": "x", "generation": 1} """;

    public static TheoryData<string, string, string, string> Grants => new()
    {
        { "not seen yet", Grant("null"), "Progressing", "Waiting for the operator" },
        {
            "awaiting approval", Grant("""
                {"observedGeneration": 1, "phase": "Pending", "conditions": [
                  {"type": "Approved", "status": "False", "reason": "AwaitingApproval", "message": "1 of 2 approvals (bob)"}]}
                """), "Suspended", "1 of 2 approvals (bob)"
        },
        {
            "waiting for its role", Grant("""
                {"observedGeneration": 1, "phase": "Pending", "conditions": [
                  {"type": "Approved", "status": "False", "reason": "WaitingForRole", "message": "waiting for ResponderRole \"forensics\" to resolve its accounts"}]}
                """), "Progressing", "waiting for ResponderRole"
        },
        {
            "approved, partially active", Grant("""
                {"observedGeneration": 1, "phase": "Approved", "activatedAt": "2026-11-30T01:00:00Z", "expiresAt": "2026-11-30T03:00:00Z",
                 "conditions": [{"type": "Approved", "status": "True", "reason": "Approved"}, {"type": "Active", "status": "False", "reason": "Activating"}],
                 "accounts": [{"accountId": "111111111111", "state": "Active"}, {"accountId": "333333333333", "state": "Written"}]}
                """), "Progressing", "Opening access: 1 of 2 account(s) active"
        },
        {
            "approved, one account failing", Grant("""
                {"observedGeneration": 1, "phase": "Approved", "activatedAt": "2026-11-30T01:00:00Z", "expiresAt": "2026-11-30T03:00:00Z",
                 "conditions": [{"type": "Active", "status": "False", "reason": "AccountFailed"}],
                 "accounts": [{"accountId": "111111111111", "state": "Active"},
                              {"accountId": "333333333333", "state": "Error", "message": "AssumeRole failed with AccessDenied"}]}
                """), "Degraded", "1 of 2 account(s) failing: 333333333333: AssumeRole failed with AccessDenied"
        },
        {
            "active", Grant("""
                {"observedGeneration": 1, "phase": "Active", "activatedAt": "2026-11-30T01:00:00Z", "expiresAt": "2026-11-30T03:00:00Z",
                 "conditions": [{"type": "Active", "status": "True", "reason": "Activated"}],
                 "accounts": [{"accountId": "111111111111", "state": "Active"}]}
                """), "Healthy", "Active until 2026-11-30T03:00:00Z"
        },
        {
            "expired and cleaned", Grant("""
                {"observedGeneration": 1, "phase": "Expired", "expiresAt": "2026-11-30T03:00:00Z", "endedAt": "2026-11-30T03:00:00Z",
                 "accounts": [{"accountId": "111111111111", "state": "Removed"}]}
                """), "Healthy", "Expired at 2026-11-30T03:00:00Z"
        },
        {
            "expired, statement being removed", Grant("""
                {"observedGeneration": 1, "phase": "Expired", "endedAt": "2026-11-30T03:00:00Z",
                 "accounts": [{"accountId": "111111111111", "state": "Removed"}, {"accountId": "333333333333", "state": "Removing"}]}
                """), "Healthy", "removing the trust statement from 1 account(s)"
        },
        {
            "revoked, removal failing", Grant("""
                {"observedGeneration": 1, "phase": "Revoked", "endedAt": "2026-11-30T02:00:01Z",
                 "accounts": [{"accountId": "111111111111", "state": "Error", "message": "UpdateAssumeRolePolicy failed with Throttling"}]}
                """), "Degraded", "Revoked at 2026-11-30T02:00:01Z, but removing access failed: 1 of 1 account(s) failing"
        },
        {
            "denied", Grant("""
                {"observedGeneration": 1, "phase": "Denied", "conditions": [
                  {"type": "Approved", "status": "False", "reason": "DurationTooLong", "message": "spec.duration: 5h is longer than the role's breakGlass.maxGrantDuration (4h)"}]}
                """), "Degraded", "DurationTooLong: spec.duration: 5h is longer"
        },
        {
            "failed", Grant("""
                {"observedGeneration": 1, "phase": "Failed", "conditions": [
                  {"type": "Active", "status": "False", "reason": "Failed", "message": "333333333333: the trust policy has no room for this grant (2,101 of 2,048 characters)"}]}
                """), "Degraded", "no room for this grant"
        },
        {
            "being deleted", """
                {"apiVersion": "iroperator.io/v1alpha1", "kind": "BreakGlassGrant",
                 "metadata": {"name": "x", "generation": 1, "deletionTimestamp": "2026-11-30T02:00:00Z"},
                 "status": {"observedGeneration": 1, "phase": "Revoked"}}
                """, "Progressing", "Being deleted"
        },
        {
            "older generation described", """
                {"apiVersion": "iroperator.io/v1alpha1", "kind": "BreakGlassGrant", "metadata": {"name": "x", "generation": 2},
                 "status": {"observedGeneration": 1, "phase": "Active"}}
                """, "Progressing", "observe generation 2"
        },
        { "unknown phase", Grant("""{"observedGeneration": 1, "phase": "Paused"}"""), "Unknown", "Unknown phase Paused" },
    };

    public static TheoryData<string, string, string, string> Roles => new()
    {
        { "not seen yet", Role("null"), "Progressing", "Waiting for the operator" },
        {
            "ready everywhere", Role("""
                {"observedGeneration": 1, "accountsReady": "3/3", "conditions": [
                  {"type": "Ready", "status": "True", "reason": "AllAccountsReady", "message": "3/3 accounts ready", "observedGeneration": 1},
                  {"type": "Progressing", "status": "False", "reason": "Reconciled", "observedGeneration": 1},
                  {"type": "Degraded", "status": "False", "reason": "NoFailures", "observedGeneration": 1}]}
                """), "Healthy", "3/3 accounts ready"
        },
        {
            "ready for an older generation", """
                {"apiVersion": "iroperator.io/v1alpha1", "kind": "ResponderRole", "metadata": {"name": "x", "generation": 4},
                 "status": {"observedGeneration": 3, "conditions": [
                   {"type": "Ready", "status": "True", "reason": "AllAccountsReady", "observedGeneration": 3}]}}
                """, "Progressing", "observe generation 4"
        },
        {
            "some accounts failing", Role("""
                {"observedGeneration": 1, "accountsReady": "2/3", "conditions": [
                  {"type": "Ready", "status": "False", "reason": "AccountsFailed", "message": "2/3 accounts ready", "observedGeneration": 1},
                  {"type": "Progressing", "status": "False", "reason": "Reconciled", "observedGeneration": 1},
                  {"type": "Degraded", "status": "True", "reason": "AccountsFailed", "message": "111111111111: AssumeRole failed with AccessDenied", "observedGeneration": 1}],
                 "accounts": [{"accountId": "111111111111", "state": "Error"}, {"accountId": "333333333333", "state": "Ready"}]}
                """), "Degraded", "AccountsFailed: 111111111111: AssumeRole failed with AccessDenied"
        },
        {
            "invalid spec", Role("""
                {"observedGeneration": 1, "conditions": [
                  {"type": "Ready", "status": "False", "reason": "InvalidSpec", "message": "spec.inlinePolicies.broken.Statement[0].Effect: ...", "observedGeneration": 1},
                  {"type": "Degraded", "status": "True", "reason": "InvalidSpec", "message": "spec.inlinePolicies.broken.Statement[0].Effect: ...", "observedGeneration": 1}]}
                """), "Degraded", "InvalidSpec: spec.inlinePolicies.broken"
        },
        {
            "not owned", Role("""
                {"observedGeneration": 1, "conditions": [
                  {"type": "Ready", "status": "False", "reason": "NotOwned", "observedGeneration": 1},
                  {"type": "Degraded", "status": "True", "reason": "NotOwned", "message": "333333333333: a role of that name exists without this ResponderRole's ownership tags", "observedGeneration": 1}]}
                """), "Degraded", "NotOwned: 333333333333"
        },
        {
            "inventory unavailable", Role("""
                {"observedGeneration": 1, "conditions": [
                  {"type": "Ready", "status": "False", "reason": "InventoryUnavailable", "message": "ListAccounts failed with AccessDeniedException", "observedGeneration": 1},
                  {"type": "Degraded", "status": "True", "reason": "InventoryUnavailable", "message": "ListAccounts failed with AccessDeniedException", "observedGeneration": 1}]}
                """), "Degraded", "InventoryUnavailable: ListAccounts failed"
        },
        {
            "reconciling", Role("""
                {"observedGeneration": 1, "conditions": [
                  {"type": "Ready", "status": "False", "reason": "Reconciling", "message": "1/2 accounts ready", "observedGeneration": 1},
                  {"type": "Progressing", "status": "True", "reason": "Reconciling", "message": "working on 333333333333", "observedGeneration": 1},
                  {"type": "Degraded", "status": "False", "reason": "NoFailures", "observedGeneration": 1}],
                 "accounts": [{"accountId": "111111111111", "state": "Ready"}, {"accountId": "333333333333", "state": "Pending"}]}
                """), "Progressing", "Reconciling: working on 333333333333"
        },
        {
            "being deleted", """
                {"apiVersion": "iroperator.io/v1alpha1", "kind": "ResponderRole",
                 "metadata": {"name": "x", "generation": 1, "deletionTimestamp": "2026-11-30T02:00:00Z"}, "status": {"observedGeneration": 1}}
                """, "Progressing", "Being deleted"
        },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public async Task BreakGlassGrant_health(string name, string json, string status, string message)
    {
        var (actualStatus, actualMessage) = await RunAsync("health-breakglassgrant.lua", json);

        actualStatus.Should().Be(status, name);
        actualMessage.Should().Contain(message, name);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ResponderRole_health(string name, string json, string status, string message)
    {
        var (actualStatus, actualMessage) = await RunAsync("health-responderrole.lua", json);

        actualStatus.Should().Be(status, name);
        actualMessage.Should().Contain(message, name);
    }

    [Fact]
    public async Task A_script_that_reaches_for_os_fails_under_the_harness()
    {
        // The harness hides what Argo CD hides: a script calling os.time() errors instead of passing here and failing there.
        var dir = Directory.CreateTempSubdirectory("ops-argo-");
        try
        {
            var script = Path.Combine(dir.FullName, "bad.lua");
            await File.WriteAllTextAsync(script, "return {status = 'Healthy', message = tostring(os.time())}");
            var input = Path.Combine(dir.FullName, "obj.json");
            await File.WriteAllTextAsync(input, Grant("null"));

            var (exitCode, output) = await OpsTool.RunAsync("lua5.1", [OpsRepository.PathOf("tests/IrOperator.Tests/Deploy/OpsArgoHealthHarness.lua"), script, input]);

            exitCode.Should().NotBe(0);
            output.Should().Contain("os");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Grant(string status) => $$"""{"kind": "BreakGlassGrant", {{Meta}}, "status": {{status}}}""";

    private static string Role(string status) => $$"""{"kind": "ResponderRole", {{Meta}}, "status": {{status}}}""";

    private static async Task<(string Status, string Message)> RunAsync(string script, string json)
    {
        var dir = Directory.CreateTempSubdirectory("ops-argo-");
        try
        {
            var input = Path.Combine(dir.FullName, "obj.json");
            await File.WriteAllTextAsync(input, json);
            var (exitCode, output) = await OpsTool.RunAsync(
                "lua5.1", [OpsRepository.PathOf("tests/IrOperator.Tests/Deploy/OpsArgoHealthHarness.lua"), OpsRepository.PathOf($"deploy/argocd/{script}"), input]);
            exitCode.Should().Be(0, output);
            var parts = output.TrimEnd('\n').Split('\t', 2);
            return (parts[0], parts.Length > 1 ? parts[1] : "");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
