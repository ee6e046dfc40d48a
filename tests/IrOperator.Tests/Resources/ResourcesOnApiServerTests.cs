using System.Net;
using System.Text.Json.Nodes;
using IrOperator.Resources;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.KubeEmulator;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit.Abstractions;

namespace IrOperator.Tests.Resources;

/// <summary>
/// The generated CRDs installed in the Kubernetes API emulator, used over HTTPS through KubernetesClient:
/// the examples apply, the invalid manifests are refused with 422 naming the field.
/// </summary>
public sealed class ResourcesOnApiServerTests(KubeEmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<KubeEmulatorFixture>
{
    private const string Namespace = "incident-response";

    private IKubernetes Client => fixture.Admin;

    [Fact]
    public async Task Every_example_applies_through_KubernetesClient_and_reads_back_typed()
    {
        foreach (var resource in Examples.Files.SelectMany(f => Manifests.Read(File.ReadAllText(f))))
        {
            await CreateOrKeepAsync(resource);
        }

        var roles = await Client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<ResponderRole>>(
            IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
        roles.Items.Select(r => r.Metadata.Name).Should().Contain(Examples.Roles.Select(r => r.Metadata.Name));

        var grant = await Client.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(
            IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, "alice-inc-4711");
        grant.Spec.Should().BeEquivalentTo(Examples.Grants.Single().Spec);
        grant.Metadata.Uid.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_api_server_fills_the_schema_defaults()
    {
        var role = Examples.Roles.Single(r => r.Metadata.Name == "incident-commander");
        role.Metadata.Name = "defaults-check";
        var json = JsonNode.Parse(KubernetesJson.Serialize(role))!.AsObject();
        foreach (var defaulted in new[] { "path", "maxSessionDuration", "preset", "deletionPolicy" })
        {
            json["spec"]!.AsObject().Remove(defaulted);
        }

        var created = await Client.CustomObjects.CreateClusterCustomObjectAsync<ResponderRole>(
            json, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);

        created.Spec.Path.Should().Be("/incident-response/");
        created.Spec.MaxSessionDuration.Should().Be("1h");
        created.Spec.Preset.Should().Be(RolePreset.None);
        created.Spec.DeletionPolicy.Should().Be(DeletionPolicy.Delete);
    }

    [Fact]
    public async Task Status_is_written_through_the_status_subresource_and_read_back_typed()
    {
        var role = Examples.Roles.Single(r => r.Metadata.Name == "security-analyst");
        role.Metadata.Name = "status-check";
        await Client.CustomObjects.CreateClusterCustomObjectAsync(role, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
        var status = new ResponderRoleStatus
        {
            ObservedGeneration = 1,
            AccountsReady = "1/3",
            Accounts = [new RoleAccountStatus { AccountId = "222222222222", State = RoleAccountState.Ready, RoleArn = "arn:aws:iam::222222222222:role/incident-response/ir-security-analyst" }],
            Conditions = [new V1Condition { Type = "Ready", Status = "False", Reason = "Progressing", Message = "2 accounts pending", LastTransitionTime = new DateTime(2026, 11, 29, 4, 0, 0, DateTimeKind.Utc) }],
        };

        var patched = await Client.CustomObjects.PatchClusterCustomObjectStatusAsync<ResponderRole>(
            new V1Patch(KubernetesJson.Serialize(new { status }), V1Patch.PatchType.MergePatch),
            IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, "status-check");

        patched.Status!.AccountsReady.Should().Be("1/3");
        patched.Status.Accounts.Should().ContainSingle().Which.State.Should().Be(RoleAccountState.Ready);
        patched.Status.Conditions.Should().ContainSingle().Which.LastTransitionTime.Should().Be(new DateTime(2026, 11, 29, 4, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [MemberData(nameof(InvalidManifests.Names), MemberType = typeof(InvalidManifests))]
    public async Task Invalid_manifest_is_refused_with_422_naming_the_field(string name)
    {
        var invalid = InvalidManifests.Named(name);
        await EnsureNamespaceAsync();
        var objectName = "invalid-" + InvalidManifests.All.ToList().IndexOf(invalid);

        var (code, status) = invalid.IsUpdate
            ? await UpdateAsync(invalid, objectName)
            : await KubeErrors.StatusOfAsync(() => CreateAsync(invalid.Kind, invalid.Broken(objectName)));

        output.WriteLine(status["message"]?.GetValue<string>());
        code.Should().Be(422);
        status["reason"]!.GetValue<string>().Should().Be("Invalid");
        invalid.IsNamedIn(status["message"]!.GetValue<string>()).Should().BeTrue($"the message names {invalid.Field}");
        status["details"]!["causes"]!.AsArray().Should().NotBeEmpty();
    }

    private async Task<(int Code, JsonObject Status)> UpdateAsync(InvalidManifest invalid, string objectName)
    {
        await CreateAsync(invalid.Kind, invalid.Valid(objectName));
        var patch = new V1Patch(new JsonObject { ["spec"] = invalid.Broken(objectName)["spec"]!.DeepClone() }.ToJsonString(), V1Patch.PatchType.MergePatch);
        return await KubeErrors.StatusOfAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            patch, IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, objectName));
    }

    private Task<object> CreateAsync(string kind, JsonObject manifest) => kind == IrOperatorApi.ResponderRoleKind
        ? Client.CustomObjects.CreateClusterCustomObjectAsync(manifest, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural)
        : Client.CustomObjects.CreateNamespacedCustomObjectAsync(manifest, IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural);

    private async Task CreateOrKeepAsync(IKubernetesObject<V1ObjectMeta> resource)
    {
        switch (resource)
        {
            case V1Namespace:
                await EnsureNamespaceAsync();
                break;
            case ResponderRole role:
                await Client.CustomObjects.CreateClusterCustomObjectAsync(role, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
                break;
            case BreakGlassGrant grant:
                await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
                    grant, IrOperatorApi.Group, IrOperatorApi.Version, grant.Metadata.NamespaceProperty, IrOperatorApi.BreakGlassGrantPlural);
                break;
            default:
                throw new NotSupportedException(resource.Kind);
        }
    }

    // Test methods of one class run one at a time, but in any order: whichever needs the namespace first creates it.
    private async Task EnsureNamespaceAsync()
    {
        try
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Already there.
        }
    }
}
