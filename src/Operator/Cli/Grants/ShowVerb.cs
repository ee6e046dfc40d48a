using System.CommandLine;

namespace IrOperator.Cli.Grants;

/// <summary><c>show &lt;grant&gt;</c>: phase, approvals, remaining time and the per-account <c>aws sts assume-role</c> commands.</summary>
public static class ShowVerb
{
    public static Command Create(ConnectionOptions connection, GrantCliEnvironment environment)
    {
        var grantName = GrantArgument.Create(connection, environment);
        var output = OutputOption.Create();
        var command = new Command("show", "Show a grant: phase, approvals, time left and the commands to assume the role.") { grantName, output };
        command.SetAction((parse, ct) => GrantVerb.RunAsync(parse, connection, environment, ct, async (session, stdout, _) =>
        {
            var grant = await session.GetGrantAsync(parse.GetRequiredValue(grantName), ct).ConfigureAwait(false);
            var format = parse.GetValue(output);
            await stdout.WriteAsync(format == OutputFormat.Table
                ? GrantText.Details(grant, environment.Time.GetUtcNow())
                : ObjectPrinter.Print(grant, format)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
