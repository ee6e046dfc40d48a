using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsClients;

/// <summary>
/// When AWS's clock and ours disagree, a session our cache still thinks fresh is refused as ExpiredToken:
/// the client drops it, assumes the role again and the call succeeds on retry.
/// </summary>
public sealed class ExpiredSessionIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsTestStack _stack;

    public ExpiredSessionIntegrationTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _stack = EmulatorStacks.Create(fixture);
    }

    public void Dispose() => _stack.Dispose();

    [Fact]
    public async Task A_session_refused_as_expired_is_renewed_and_the_call_retried()
    {
        var iam = _stack.Iam("444444444444");
        await iam.GetRoleAsync("IrOperatorProvisioner", CancellationToken.None);

        _fixture.Clock.Advance(TimeSpan.FromHours(2));
        var role = await iam.GetRoleAsync("IrOperatorProvisioner", CancellationToken.None);

        role.RoleName.Should().Be("IrOperatorProvisioner");
        _stack.Log.Lines.Count(l => l.Contains("Assumed arn:aws:iam::444444444444", StringComparison.Ordinal)).Should().Be(2);
        _stack.Log.Lines.Should().Contain(l => l.Contains("Dropped the cached", StringComparison.Ordinal));
        _stack.Log.Lines.Should().Contain(l => l.Contains("GetRole", StringComparison.Ordinal) && l.Contains("Attempts=2", StringComparison.Ordinal));
    }
}
