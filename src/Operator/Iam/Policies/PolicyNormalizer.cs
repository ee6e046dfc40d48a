namespace IrOperator.Iam.Policies;

/// <summary>
/// The normal form behind semantic equality. Equal normal forms mean the same to IAM:
/// <list type="bullet">
/// <item>statement order, and the order of actions, resources, principals and condition values, do not matter; duplicates neither;</item>
/// <item>a single string equals a one-element array (the model already holds both as lists);</item>
/// <item>action names are case-insensitive (IAM: "action names are not case sensitive"), as are condition keys;</item>
/// <item>an AWS principal given as an account id equals that account's root ARN (IAM stores the id as <c>arn:...:root</c>);</item>
/// <item>unquoted booleans and numbers in conditions equal their text (the parser keeps text).</item>
/// </list>
/// Everything else is compared exactly: Sid, Effect, Version, Id, resources and condition values
/// (case-sensitive in IAM), operators, and <c>"*"</c> versus <c>{"AWS":"*"}</c>, which some services
/// treat differently. See docs/iam-model.md.
/// </summary>
public static class PolicyNormalizer
{
    public static PolicyDocument Normalize(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var statements = document.Statements
            .Select(Normalize)
            .DistinctBy(StatementKeyOfNormal, StringComparer.Ordinal)
            .OrderBy(StatementKeyOfNormal, StringComparer.Ordinal)
            .ToList();
        return document with { Statements = statements };
    }

    public static PolicyStatement Normalize(PolicyStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement with
        {
            Sid = string.IsNullOrEmpty(statement.Sid) ? null : statement.Sid,
            Principal = Normalize(statement.Principal),
            NotPrincipal = Normalize(statement.NotPrincipal),
            Action = Set(statement.Action, action => action.ToLowerInvariant()),
            NotAction = Set(statement.NotAction, action => action.ToLowerInvariant()),
            Resource = Set(statement.Resource, resource => resource),
            NotResource = Set(statement.NotResource, resource => resource),
            Condition = statement.Condition
                .Select(c => new PolicyCondition(c.Operator, c.Key.ToLowerInvariant(), Set(c.Values, value => value)!))
                .OrderBy(c => c.Operator, StringComparer.Ordinal)
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>The canonical JSON of the normalized document: equal exactly when the documents are semantically equal.</summary>
    public static string DocumentKey(PolicyDocument document) => PolicyWriter.Document(Normalize(document));

    public static string StatementKey(PolicyStatement statement) => PolicyWriter.Statement(Normalize(statement));

    public static bool IsAccountId(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);

    private static string StatementKeyOfNormal(PolicyStatement normal) => PolicyWriter.Statement(normal);

    private static PolicyPrincipal? Normalize(PolicyPrincipal? principal)
    {
        if (principal is null || principal.IsWildcard)
        {
            return principal;
        }

        var entries = principal.Entries
            .GroupBy(entry => entry.Key, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new KeyValuePair<string, IReadOnlyList<string>>(
                group.Key,
                Set(group.SelectMany(entry => entry.Value).ToList(), value => group.Key == PolicyPrincipal.Aws ? AwsPrincipal(value) : value)!))
            .ToList();
        return PolicyPrincipal.Of(entries);
    }

    // arn:<partition>:iam::<account>:root is how IAM stores an account given by its id.
    private static string AwsPrincipal(string value)
    {
        var parts = value.Split(':');
        return parts is ["arn", _, "iam", "", var account, "root"] && IsAccountId(account) ? account : value;
    }

    private static List<string>? Set(IReadOnlyList<string>? values, Func<string, string> normalize) =>
        values?.Select(normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
