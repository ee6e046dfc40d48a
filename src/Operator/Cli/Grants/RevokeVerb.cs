using System.CommandLine;
using IrOperator.Resources;

namespace IrOperator.Cli.Grants;

/// <summary>
/// <c>revoke &lt;grant&gt; --reason</c>: sets <c>iroperator.io/revoke</c> (the reason) to end a grant now, as anyone
/// who may patch the grant can (docs/approvals.md). AWS stops new sessions and cuts existing ones as soon as the
/// operator has written the end (docs/grants.md, "Lifecycle").
/// </summary>
public static class RevokeVerb
{
    public static Command Create(ConnectionOptions connection, GrantCliEnvironment environment)
    {
        var grantName = GrantArgument.Create(connection, environment);
        var reason = new Option<string>("--reason") { Description = "Why access ends now, e.g. contained (recorded in events and the audit log).", Required = true };
        var command = new Command("revoke", "End a grant now (Pending, Approved or Active).") { grantName, reason };
        command.SetAction((parse, ct) => GrantVerb.RunAsync(parse, connection, environment, ct, async (session, output, _) =>
        {
            var name = parse.GetRequiredValue(grantName);
            var grant = await session.GetGrantAsync(name, ct).ConfigureAwait(false);
            var what = $"{session.Namespace}/{name}";
            if (GrantView.IsEnded(grant))
            {
                throw new GrantCliException($"grant {what} has already ended: {GrantView.EndedText(grant)}; there is nothing to revoke");
            }
            if (grant.Metadata.Annotations?.TryGetValue(IrOperatorApi.RevokeAnnotation, out var earlier) == true)
            {
                await output.WriteLineAsync($"{what} is already being revoked (reason: {earlier}); it is {GrantText.Progress(grant)}.").ConfigureAwait(false);
                return 0;
            }
            await session.AnnotateAsync(name, new Dictionary<string, string> { [IrOperatorApi.RevokeAnnotation] = parse.GetRequiredValue(reason) }, $"revoke {what}", ct)
                .ConfigureAwait(false);
            await output.WriteLineAsync($"Revoking {what}: the operator ends access in every account now. Follow it: {environment.CommandName} wait -n {session.Namespace} {name} --for Ended")
                .ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
