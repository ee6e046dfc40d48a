namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The people of the sandbox's story: a responder who asks for access and two approvers (two, so a
/// two-person rule can be tried). admin is the emulator's built-in system:masters user.
/// </summary>
public static class SandboxUsers
{
    public const string RespondersGroup = "ir-responders";
    public const string ApproversGroup = "ir-approvers";

    public static IReadOnlyList<(string Username, IReadOnlyList<string> Groups)> All { get; } =
    [
        ("alice", [RespondersGroup]),
        ("bob", [ApproversGroup]),
        ("carol", [ApproversGroup]),
    ];
}
