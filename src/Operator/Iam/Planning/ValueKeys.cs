namespace IrOperator.Iam.Planning;

/// <summary>Keys of a role's values (other than documents) in <see cref="RecentWrites.Values"/>.</summary>
public static class ValueKeys
{
    public const string Boundary = "boundary";
    public const string Description = "description";
    public const string MaxSessionDuration = "maxSessionDuration";

    /// <summary>The value recorded for an attached managed policy.</summary>
    public const string Attached = "attached";

    public static string Managed(string policyArn) => "managed/" + policyArn;

    public static string Tag(string key) => "tag/" + key;
}
