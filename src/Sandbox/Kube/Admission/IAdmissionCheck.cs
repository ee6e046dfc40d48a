namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// A validating admission step run on every write after schema validation, before storage (where a
/// ValidatingAdmissionPolicy runs on the real server). Refuse by throwing a
/// <see cref="Errors.KubeApiException"/> carrying the Status to return; warn or annotate the audit
/// event through <see cref="AdmissionRequest.Effects"/>.
/// </summary>
public interface IAdmissionCheck
{
    void Admit(AdmissionRequest request);
}
