using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// A write about to be stored, as a validating admission step sees it: operation (CREATE, UPDATE,
/// DELETE), resource, the new and old object, and who asked (request.userInfo).
/// </summary>
public sealed record AdmissionRequest(
    string Operation,
    ResourceType Resource,
    string Namespace,
    string Name,
    string? Subresource,
    JsonObject? Object,
    JsonObject? OldObject,
    KubeUser User)
{
    /// <summary>The request's <c>dryRun</c>: admission runs, nothing is stored.</summary>
    public bool DryRun { get; init; }

    /// <summary>Where a check leaves warnings and audit annotations for the response and the audit log.</summary>
    public AdmissionEffects Effects { get; init; } = new();
}
