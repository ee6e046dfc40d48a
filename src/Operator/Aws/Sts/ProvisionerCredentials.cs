using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Credentials;
using IrOperator.Aws.Errors;
using Serilog;

namespace IrOperator.Aws.Sts;

/// <summary>
/// Assumes the provisioner role in member accounts through AWSSDK.SecurityToken and caches the session
/// credentials per account until <see cref="ProvisionerRoleOptions.RefreshBefore"/> ahead of their expiry.
/// One AssumeRole at a time per account, so a burst of reconciles does not stampede STS.
/// </summary>
public sealed class ProvisionerCredentials : IDisposable
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly ProvisionerRoleOptions _options;
    private readonly string _partition;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ProvisionerCredentials(IAmazonSecurityTokenService sts, ProvisionerRoleOptions options, string partition, TimeProvider timeProvider, ILogger logger)
    {
        options.Validate();
        _sts = sts;
        _options = options;
        _partition = partition;
        _timeProvider = timeProvider;
        _logger = logger.ForContext<ProvisionerCredentials>();
    }

    /// <summary>A credential source for one account, for the per-account clients.</summary>
    public IAwsCredentialSource ForAccount(string accountId) => new AccountSource(this, accountId);

    public async Task<ImmutableCredentials> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(accountId, _ => new Entry());
        if (entry.Current is { } fresh && IsFresh(fresh))
        {
            return fresh.Credentials;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed while we waited.
            if (entry.Current is { } renewed && IsFresh(renewed))
            {
                return renewed.Credentials;
            }

            var session = await AssumeAsync(accountId, cancellationToken).ConfigureAwait(false);
            entry.Current = session;
            return session.Credentials;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets the account's session so the next call assumes the role again.</summary>
    public void Invalidate(string accountId)
    {
        if (_entries.TryGetValue(accountId, out var entry))
        {
            entry.Current = null;
            _logger.Information("Dropped the cached {RoleName} session in {Account}", _options.RoleName, accountId);
        }
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Gate.Dispose();
        }
    }

    private bool IsFresh(Session session) => _timeProvider.GetUtcNow() < session.Expiration - _options.RefreshBefore;

    private async Task<Session> AssumeAsync(string accountId, CancellationToken cancellationToken)
    {
        var roleArn = _options.RoleArn(_partition, accountId);
        AssumeRoleResponse response;
        try
        {
            response = await _sts.AssumeRoleAsync(
                new AssumeRoleRequest
                {
                    RoleArn = roleArn,
                    RoleSessionName = _options.SessionName,
                    SourceIdentity = _options.SourceIdentity,
                    DurationSeconds = (int)_options.SessionDuration.TotalSeconds,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            // One error type for every AWS failure, so callers (a per-account reconcile) report STS's code
            // for that account like any IAM error instead of failing as a whole.
            throw new AwsServiceException("sts", "AssumeRole", e.ErrorCode ?? "Unknown", $"{roleArn}: {e.Message}", e.StatusCode, e.RequestId, e);
        }

        var credentials = response.Credentials;
        var expiration = credentials.Expiration is { } expires
            ? new DateTimeOffset(DateTime.SpecifyKind(expires.ToUniversalTime(), DateTimeKind.Utc))
            : _timeProvider.GetUtcNow() + _options.SessionDuration;
        _logger.Information(
            "Assumed {RoleArn} as {SessionName} with source identity {SourceIdentity}; credentials expire at {Expiration:O}",
            roleArn, _options.SessionName, _options.SourceIdentity, expiration);
        return new Session(new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), expiration);
    }

    private sealed record Session(ImmutableCredentials Credentials, DateTimeOffset Expiration);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile Session? Current;
    }

    private sealed class AccountSource(ProvisionerCredentials owner, string accountId) : IAwsCredentialSource
    {
        public string Description => $"{owner._options.RoleName} in {accountId}";

        public Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => owner.GetAsync(accountId, cancellationToken);

        public void Invalidate() => owner.Invalidate(accountId);
    }
}
