namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The people of the sandbox's story: a responder who asks for access and two approvers (two, so a
/// two-person rule can be tried). admin is the emulator's built-in system:masters user. The operator
/// runs as the Helm chart's service account, whose token the sandbox adds once it has applied the chart's RBAC (SandboxRbac).
/// </summary>
public static class SandboxUsers
{
    public const string RespondersGroup = "ir-responders";
    public const string ApproversGroup = "ir-approvers";
    public const string OperatorNamespace = "iroperator-system";
    public const string OperatorServiceAccount = "iroperator";

    /// <summary>The operator's username: <c>system:serviceaccount:iroperator-system:iroperator</c>.</summary>
    public const string OperatorUsername = "system:serviceaccount:" + OperatorNamespace + ":" + OperatorServiceAccount;

    public static IReadOnlyList<(string Username, IReadOnlyList<string> Groups)> All { get; } =
    [
        ("alice", [RespondersGroup]),
        ("bob", [ApproversGroup]),
        ("carol", [ApproversGroup]),
    ];
}
