using Amazon.Runtime;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsClients;

/// <summary>
/// Forces every kind of failure the clients can meet and scans every logged line and exception text for
/// the secret keys and session tokens in use.
/// </summary>
public sealed class SecretHygieneIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsTestStack _stack;

    public SecretHygieneIntegrationTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _stack = EmulatorStacks.Create(fixture, maxAttempts: 2);
    }

    public void Dispose()
    {
        EmulatorStacks.Faults(_fixture).Reset();
        _stack.Dispose();
    }

    [Fact]
    public async Task No_secret_key_or_token_appears_in_logs_or_exception_messages()
    {
        var texts = new List<string>();
        async Task Capture(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (Exception e)
            {
                texts.Add(e.ToString());
                texts.Add(e.Message);
            }
        }

        var iam = _stack.Iam("333333333333");
        var session = await _stack.Provisioner.GetAsync("333333333333", CancellationToken.None);

        // Wrong secret: the emulator refuses the signature.
        var forged = new ImmutableCredentials(_stack.OperatorCredentials.AccessKey, _stack.OperatorCredentials.SecretKey + "x", _stack.OperatorCredentials.Token);
        var forgedIam = _stack.Factory.Iam("111111111111", new StaticCredentialSource(forged));
        await Capture(() => forgedIam.GetRoleAsync("anything", CancellationToken.None));

        // Denied by the provisioner role's policy (outside its path), missing entity, malformed input.
        await Capture(() => iam.CreateRoleAsync(new CreateRoleRequest("outside-path", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}"""), CancellationToken.None));
        await Capture(() => iam.GetRoleAsync("ir-missing", CancellationToken.None));
        await Capture(() => iam.PutRolePolicyAsync("ir-missing", "p", "{not json", CancellationToken.None));

        // Throttling beyond the attempt budget, and a 5xx.
        var faults = EmulatorStacks.Faults(_fixture);
        faults.Services = new HashSet<string> { "iam" };
        faults.FailNext(5);
        await Capture(() => iam.GetRoleAsync("IrOperatorProvisioner", CancellationToken.None));
        faults.Reset();

        // STS refusing AssumeRole (no provisioner role in the management account).
        await Capture(() => _stack.Provisioner.GetAsync("111111111111", CancellationToken.None));

        // A dead endpoint.
        var deadStack = new AwsTestStack(new Uri("http://127.0.0.1:9/"), _stack.OperatorCredentials, TimeProvider.System, maxAttempts: 1);
        using (deadStack)
        {
            await Capture(() => deadStack.Factory.Iam("333333333333", new StaticCredentialSource(session)).GetRoleAsync("x", CancellationToken.None));
            texts.AddRange(deadStack.Log.Lines);
        }

        texts.AddRange(_stack.Log.Lines);
        texts.Should().HaveCountGreaterThan(10);
        texts.Should().Contain(t => t.Contains("SignatureDoesNotMatch", StringComparison.Ordinal), "the forged signature must have been refused");
        texts.Should().Contain(t => t.Contains(AwsErrorCodes.Throttling, StringComparison.Ordinal));
        var secrets = new[] { _stack.OperatorCredentials.SecretKey, forged.SecretKey, session.SecretKey, session.Token! };
        foreach (var secret in secrets)
        {
            texts.Should().NotContain(t => t.Contains(secret, StringComparison.Ordinal));
        }
    }
}
