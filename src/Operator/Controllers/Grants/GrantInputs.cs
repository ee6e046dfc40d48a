using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// What a grant is judged against, read from caches: its ResponderRole (from the role informer's cache, never the
/// API server), the organization's account ids (from the inventory; null while it cannot be read), and the
/// approval admission policy's check (null: not checked, docs/approvals.md "Fail closed").
/// <see cref="RolesSynced"/> completes once the role cache holds the first list: before it, a missing role means
/// "not listed yet", not "deleted" (null: the roles are known at once).
/// </summary>
public sealed record GrantInputs(
    Func<string, ResponderRole?> Role,
    Func<CancellationToken, Task<IReadOnlySet<string>?>> OrganizationAccounts,
    Func<CancellationToken, Task>? RolesSynced = null,
    Func<CancellationToken, Task<ApprovalPolicyCheck>>? ApprovalPolicy = null);
