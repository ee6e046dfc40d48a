using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;
using IrOperator.Resources;
using Serilog;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// Brings one ResponderRole's IAM role in one account in line, or tears it down, under that (account, role)'s
/// apply lock: read, plan, apply. Never touches a role it does not own; never rewrites what it just wrote
/// while IAM propagates it; turns every AWS failure into that account's outcome, so one account never
/// blocks another (docs/responder-roles.md).
/// </summary>
public sealed class AccountSync(
    IIamClientFactory clients,
    IResponderRolePlanner planner,
    RoleApplyLocks locks,
    RoleWriteLedger ledger,
    ResponderRoleOptions options,
    TimeProvider time,
    ILogger log)
{
    /// <summary>A role created but not yet visible is looked at again this soon.</summary>
    private static readonly TimeSpan NotYetVisibleRecheck = TimeSpan.FromSeconds(2);

    /// <param name="specChanged">
    /// True when the spec changed since this account was last in line, so changes found are an update;
    /// otherwise they were made outside the operator and are drift.
    /// </param>
    public async Task<AccountOutcome> SyncAsync(ResponderRole resource, DesiredAccountRole desired, IReadOnlyDictionary<string, string> ownership, bool specChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        var account = desired.AccountId;
        var iam = clients.Iam(account);
        await using var held = await locks.AcquireAsync(account, desired.RoleName, cancellationToken).ConfigureAwait(false);
        try
        {
            var role = await ObservedRoleReader.GetRoleAsync(iam, desired.RoleName, cancellationToken).ConfigureAwait(false);
            if (role is not null && NotOwnedBecause(role, ownership) is { } foreign)
            {
                return new AccountOutcome(account, RoleAccountState.NotOwned, role.Arn, $"a role named {desired.RoleName} exists and is not managed by this ResponderRole ({foreign}); it is left untouched")
                {
                    Event = AccountEvent.NotOwned,
                    Changes = [foreign],
                };
            }
            var observed = role is null ? null : await ObservedRoleReader.ReadPoliciesAsync(iam, role, cancellationToken).ConfigureAwait(false);
            var plan = planner.Plan(desired, observed);
            var now = time.GetUtcNow().UtcDateTime;
            if (plan.Count == 0)
            {
                return new AccountOutcome(account, RoleAccountState.Ready, role!.Arn, "in line with the spec") { SyncedAt = now };
            }
            if (ledger.Propagating(account, desired.RoleName, desired.Fingerprint, options.PropagationWindow) is { } left)
            {
                // What we read is older than what we wrote: IAM has not propagated it yet. Rewriting now
                // would flap (and a second CreateRole would fail); look again when the window has passed.
                log.Debug("Role {Role} in {Account} reads as before the write ({Calls}); IAM is propagating, re-checking in {Delay}",
                    desired.RoleName, account, string.Join(", ", plan.Select(c => c.Action)), left);
                return new AccountOutcome(account, RoleAccountState.Ready, role?.Arn ?? RoleArn(account, resource), "written; IAM is propagating the change")
                {
                    SyncedAt = now,
                    RecheckAfter = left,
                };
            }
            foreach (var call in plan)
            {
                try
                {
                    await call.ApplyAsync(iam, cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException e) when (call.IsCreate && e.ErrorCode == AwsErrorCodes.EntityAlreadyExists)
                {
                    // Created by an earlier attempt (a restart mid-apply) but not yet visible to reads.
                    return new AccountOutcome(account, RoleAccountState.Pending, RoleArn(account, resource), "the role exists but IAM does not show it yet (propagation)")
                    {
                        Retryable = true,
                        RecheckAfter = NotYetVisibleRecheck,
                    };
                }
            }
            ledger.Written(account, desired.RoleName, desired.Fingerprint);
            var created = plan.Any(c => c.IsCreate);
            var changes = plan.Select(c => c.Change).ToList();
            var kind = created ? AccountEvent.Created : specChanged ? AccountEvent.Updated : AccountEvent.DriftCorrected;
            log.Information("Role {Role} in {Account}: {Event} with {Calls} IAM calls: {Changes}", desired.RoleName, account, kind, plan.Count, changes);
            var arn = role?.Arn ?? (await ObservedRoleReader.GetRoleAsync(iam, desired.RoleName, cancellationToken).ConfigureAwait(false))?.Arn ?? RoleArn(account, resource);
            return new AccountOutcome(account, RoleAccountState.Ready, arn, created ? "created" : "in line with the spec")
            {
                Event = kind,
                Changes = changes,
                SyncedAt = now,
                // Re-read once propagation is over, to see what IAM really kept.
                RecheckAfter = options.PropagationWindow > TimeSpan.Zero ? options.PropagationWindow : null,
            };
        }
        catch (AwsServiceException e)
        {
            return Failed(account, resource, e);
        }
    }

    /// <summary>
    /// Removes an owned role from an account per the deletion policy: Delete detaches and deletes its policies and
    /// the role; Retain removes only the ownership tags. A missing role, or a role owned by someone else, is done.
    /// </summary>
    public async Task<AccountOutcome> TeardownAsync(ResponderRole resource, string account, IReadOnlyDictionary<string, string> ownership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(ownership);
        var roleName = resource.IamRoleName;
        var iam = clients.Iam(account);
        await using var held = await locks.AcquireAsync(account, roleName, cancellationToken).ConfigureAwait(false);
        try
        {
            var role = await ObservedRoleReader.GetRoleAsync(iam, roleName, cancellationToken).ConfigureAwait(false);
            if (role is null)
            {
                ledger.Forget(account, roleName);
                return new AccountOutcome(account, RoleAccountState.Deleting, null, "no role left") { Removed = true };
            }
            if (NotOwnedBecause(role, ownership) is { } foreign)
            {
                log.Information("Role {Role} in {Account} is not ours ({Reason}); leaving it", roleName, account, foreign);
                return new AccountOutcome(account, RoleAccountState.NotOwned, role.Arn, $"left in place: not managed by this ResponderRole ({foreign})") { Removed = true };
            }
            List<string> changes;
            AccountEvent kind;
            if (resource.Spec.DeletionPolicy == DeletionPolicy.Retain)
            {
                await IgnoreMissing(iam.UntagRoleAsync(roleName, ownership.Keys.ToList(), cancellationToken)).ConfigureAwait(false);
                changes = [$"ownership tags {string.Join(", ", ownership.Keys)} removed; role left in place (deletionPolicy Retain)"];
                kind = AccountEvent.Retained;
            }
            else
            {
                var observed = await ObservedRoleReader.ReadPoliciesAsync(iam, role, cancellationToken).ConfigureAwait(false);
                changes = [];
                foreach (var attached in observed.AttachedPolicies)
                {
                    await IgnoreMissing(iam.DetachRolePolicyAsync(roleName, attached.PolicyArn, cancellationToken)).ConfigureAwait(false);
                    changes.Add($"managed policy {attached.PolicyArn} detached");
                }
                foreach (var name in observed.InlinePolicies.Keys)
                {
                    await IgnoreMissing(iam.DeleteRolePolicyAsync(roleName, name, cancellationToken)).ConfigureAwait(false);
                    changes.Add($"inline policy {name} deleted");
                }
                await IgnoreMissing(iam.DeleteRoleAsync(roleName, cancellationToken)).ConfigureAwait(false);
                changes.Add("role deleted");
                kind = AccountEvent.Deleted;
            }
            ledger.Forget(account, roleName);
            log.Information("Role {Role} in {Account}: {Event}: {Changes}", roleName, account, kind, changes);
            return new AccountOutcome(account, RoleAccountState.Deleting, role.Arn, kind.ToString()) { Event = kind, Changes = changes, Removed = true };
        }
        catch (AwsServiceException e)
        {
            return Failed(account, resource, e) with { State = RoleAccountState.Error };
        }
    }

    /// <summary>Why a role is not this ResponderRole's, or null when every ownership tag matches.</summary>
    public static string? NotOwnedBecause(IamRole role, IReadOnlyDictionary<string, string> ownership)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(ownership);
        foreach (var (key, value) in ownership)
        {
            var found = role.Tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));
            if (found is null)
            {
                return $"tag {key} missing";
            }
            if (!string.Equals(found.Value, value, StringComparison.Ordinal))
            {
                return $"tag {key} is '{found.Value}', not '{value}'";
            }
        }
        return null;
    }

    private AccountOutcome Failed(string account, ResponderRole resource, AwsServiceException e)
    {
        log.Warning("Role {Role} in {Account} failed: {Service}:{Action} {ErrorCode}", resource.IamRoleName, account, e.Service, e.Action, e.ErrorCode);
        return new AccountOutcome(account, RoleAccountState.Error, null, $"{e.Action} failed with {e.ErrorCode}: {e.AwsMessage}")
        {
            Event = AccountEvent.AccountFailed,
            ErrorCode = e.ErrorCode,
            Retryable = e.IsRetryable,
            Changes = [$"{e.Action}: {e.ErrorCode}"],
        };
    }

    private static async Task IgnoreMissing(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.NoSuchEntity)
        {
            // Cleanup is idempotent: already gone is success.
        }
    }

    private static string RoleArn(string account, ResponderRole resource) => $"arn:aws:iam::{account}:role{resource.Spec.Path}{resource.IamRoleName}";
}
