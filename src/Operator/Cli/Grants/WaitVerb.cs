using System.CommandLine;
using System.Globalization;
using IrOperator.Resources;

namespace IrOperator.Cli.Grants;

/// <summary>
/// <c>wait &lt;grant&gt; [--for Active] --timeout 5m</c>: prints a line each time the grant's phase, the reason it
/// is not further, or an account's state changes, until it reaches the state (exit 0), can no longer reach it
/// (exit 2: Denied, Failed, Revoked, Expired), or the timeout passes (exit 3).
/// </summary>
public static class WaitVerb
{
    public const int Unreachable = 2;
    public const int TimedOut = 3;

    public static Command Create(ConnectionOptions connection, GrantCliEnvironment environment)
    {
        var grantName = GrantArgument.Create(connection, environment);
        var target = new Option<WaitTarget>("--for") { Description = "Approved, Active (default) or Ended.", DefaultValueFactory = _ => WaitTarget.Active };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait, e.g. 30s, 5m (default 5m).", DefaultValueFactory = _ => "5m" };
        var interval = new Option<string>("--interval") { Description = "How often to look, e.g. 1s (default).", DefaultValueFactory = _ => "1s", Hidden = true };
        var command = new Command("wait", "Wait until a grant is Active (or Approved, or Ended), showing its progress.") { grantName, target, timeout, interval };
        command.SetAction((parse, ct) => GrantVerb.RunAsync(parse, connection, environment, ct, async (session, output, error) =>
        {
            var name = parse.GetRequiredValue(grantName);
            var until = parse.GetValue(target);
            var limit = Span(parse.GetRequiredValue(timeout), "--timeout");
            var every = Span(parse.GetRequiredValue(interval), "--interval");
            var time = environment.Time;
            var deadline = time.GetUtcNow() + limit;
            string? last = null;
            while (true)
            {
                var grant = await session.GetGrantAsync(name, ct).ConfigureAwait(false);
                var line = GrantText.Progress(grant);
                if (line != last)
                {
                    await output.WriteLineAsync($"{time.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {line}").ConfigureAwait(false);
                    last = line;
                }
                switch (Evaluate(grant, until))
                {
                    case true:
                        if (until != WaitTarget.Ended)
                        {
                            await output.WriteAsync(Reached(grant, time.GetUtcNow())).ConfigureAwait(false);
                        }
                        return 0;
                    case false:
                        throw new GrantCliException($"{session.Namespace}/{name} will not become {until}: {GrantView.EndedText(grant)}", Unreachable);
                }
                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    throw new GrantCliException($"timed out after {GrantText.Span(limit)} waiting for {session.Namespace}/{name} to become {until}; it is {line}", TimedOut);
                }
                await Task.Delay(left < every ? left : every, time, ct).ConfigureAwait(false);
            }
        }));
        return command;
    }

    /// <summary>true: the grant is in the state; false: it never will be; null: keep waiting.</summary>
    public static bool? Evaluate(BreakGlassGrant grant, WaitTarget target)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var endedPhase = grant.Status?.Phase is GrantPhase.Denied or GrantPhase.Expired or GrantPhase.Revoked or GrantPhase.Failed;
        return target switch
        {
            WaitTarget.Ended => endedPhase ? true : null,
            _ when GrantView.IsEnded(grant) => false,
            WaitTarget.Approved when GrantView.IsOpen(grant) => true,
            WaitTarget.Active when grant.Status?.Phase == GrantPhase.Active => true,
            _ => null,
        };
    }

    private static string Reached(BreakGlassGrant grant, DateTimeOffset now)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{grant.Metadata.NamespaceProperty}/{grant.Metadata.Name} is {GrantView.Phase(grant)} until {GrantText.Expires(grant, now)}.");
        foreach (var account in (grant.Status?.Accounts ?? []).Where(a => !string.IsNullOrEmpty(a.AssumeRoleCommand)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {account.AssumeRoleCommand}");
        }
        return text.ToString();
    }

    private static TimeSpan Span(string text, string option) =>
        GoDuration.TryParse(text, out var span) && span > TimeSpan.Zero
            ? span
            : throw new GrantCliException($"{option} {text}: give a duration such as 30s, 5m or 1h");
}
