using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// Answers the first status write of each listed resource by <paramref name="username"/> with 409 Conflict, as
/// when another writer got there first, so the operator's conflict path (read the object again, recompute, write)
/// runs in an end-to-end test without a race.
/// </summary>
public sealed class ConflictOnce(string username, params string[] resources) : IAdmissionCheck
{
    /// <summary>
    /// The emulator, like the API server, re-applies a patch that met a conflict in storage a few times before
    /// answering 409 (ResourceService.PatchAttempts, 5): refusing that many admissions refuses one request.
    /// </summary>
    private const int AdmissionsPerRequest = 5;

    private readonly Dictionary<string, int> _refusals = resources.ToDictionary(r => r, _ => 0);

    public void Admit(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.User.Username != username || request.Subresource != "status")
        {
            return;
        }

        lock (_refusals)
        {
            if (!_refusals.TryGetValue(request.Resource.Plural, out var refused) || refused >= AdmissionsPerRequest)
            {
                return;
            }

            _refusals[request.Resource.Plural] = refused + 1;
        }

        throw StatusObjects.ModifiedConflict(request.Resource, request.Name);
    }
}
