using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Serilog;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Fail closed (docs/approvals.md, "Fail closed"): the operator cannot see who wrote an approval, so it opens a
/// grant only while the ValidatingAdmissionPolicy that makes approvals true and its binding exist, the policy with
/// failurePolicy Fail and the binding with the Deny action. Reading either failing (missing, not allowed, the API
/// server unreachable) counts as not in place. A look is reused for <see cref="GrantOptions.ApprovalPolicyCheckInterval"/>,
/// so the grants of one reconcile burst cost two GETs; a grant held back is looked at again after it.
/// </summary>
public sealed class ApprovalPolicyGuard(IKubernetes client, TimeProvider time, GrantOptions options, ILogger log)
{
    private readonly ILogger _log = log.ForContext<ApprovalPolicyGuard>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ApprovalPolicyCheck? _last;

    public async Task<ApprovalPolicyCheck> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } checkedMeanwhile)
            {
                return checkedMeanwhile;
            }
            var problem = await ProblemAsync(cancellationToken).ConfigureAwait(false);
            var check = problem is null
                ? new ApprovalPolicyCheck(true, $"ValidatingAdmissionPolicy {options.ApprovalPolicyName} is bound by {options.ApprovalPolicyBindingName} with Deny", time.GetUtcNow() + options.ApprovalPolicyCheckInterval)
                : new ApprovalPolicyCheck(false, problem, time.GetUtcNow() + options.ApprovalPolicyCheckInterval);
            if (_last?.InPlace != check.InPlace || _last.Message != check.Message)
            {
                if (check.InPlace)
                {
                    _log.Information("Approval policy check: {Message}; approved grants may open", check.Message);
                }
                else
                {
                    _log.Warning("Approval policy check: {Message}; approved grants stay Pending (ApprovalPolicyMissing) until it is in place (docs/approvals.md)", check.Message);
                }
            }
            _last = check;
            return check;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ApprovalPolicyCheck? Fresh() => _last is { } last && time.GetUtcNow() < last.NextCheck ? last : null;

    /// <summary>Null when both objects are in place as required; otherwise what is wrong, naming the object.</summary>
    private async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var policyName = options.ApprovalPolicyName;
        var bindingName = options.ApprovalPolicyBindingName;
        V1ValidatingAdmissionPolicy policy;
        V1ValidatingAdmissionPolicyBinding binding;
        try
        {
            policy = await client.AdmissionregistrationV1.ReadValidatingAdmissionPolicyAsync(policyName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            return Unreadable("ValidatingAdmissionPolicy", "validatingadmissionpolicies", policyName, e);
        }
        try
        {
            binding = await client.AdmissionregistrationV1.ReadValidatingAdmissionPolicyBindingAsync(bindingName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            return Unreadable("ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", bindingName, e);
        }
        if (policy.Spec?.FailurePolicy == "Ignore")
        {
            return $"ValidatingAdmissionPolicy {policyName} has failurePolicy Ignore: an expression that fails would admit the request";
        }
        if (binding.Spec?.PolicyName != policyName)
        {
            return $"ValidatingAdmissionPolicyBinding {bindingName} binds policy {binding.Spec?.PolicyName}, not {policyName}";
        }
        if (binding.Spec.ValidationActions?.Contains("Deny") != true)
        {
            return $"ValidatingAdmissionPolicyBinding {bindingName} has validationActions [{string.Join(", ", binding.Spec.ValidationActions ?? [])}] without Deny: a failed rule would not refuse the request";
        }
        return null;
    }

    private static string Unreadable(string kind, string plural, string name, HttpOperationException e) => e.Response.StatusCode switch
    {
        HttpStatusCode.NotFound => $"{kind} {name} does not exist",
        HttpStatusCode.Forbidden => $"{kind} {name} cannot be read: the operator may not get {plural} (admissionregistration.k8s.io; its ClusterRole needs get)",
        var code => $"{kind} {name} cannot be read: HTTP {(int)code}",
    };
}
