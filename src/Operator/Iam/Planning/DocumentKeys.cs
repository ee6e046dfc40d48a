namespace IrOperator.Iam.Planning;

/// <summary>Keys of a role's documents in <see cref="RecentWrites"/>.</summary>
public static class DocumentKeys
{
    public const string Trust = "trust";

    public static string Inline(string policyName) => "inline/" + policyName;
}
