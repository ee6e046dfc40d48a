namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>The AWS calls of one phase, by kind.</summary>
internal sealed record Counts(int IamReads, int IamWrites, int GetRoles, int Sts, int Organizations, int Errors)
{
    public int Iam => IamReads + IamWrites;

    public static Counts Of(IReadOnlyList<TimedCall> calls) => new(
        calls.Count(c => c.Call.Service == "iam" && !c.IsIamWrite),
        calls.Count(c => c.IsIamWrite),
        calls.Count(c => c.Call is { Service: "iam", Action: "GetRole" }),
        calls.Count(c => c.Call.Service == "sts"),
        calls.Count(c => c.Call.Service == "organizations"),
        // A cold create's GetRole answering NoSuchEntity is the expected first read, not an error.
        calls.Count(c => c.Call.Status >= 400 && !(c.Call.Action == "GetRole" && c.Call.ErrorCode == "NoSuchEntity")));
}
