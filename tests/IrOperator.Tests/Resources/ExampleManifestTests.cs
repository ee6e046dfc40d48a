using System.Text.Json.Nodes;
using IrOperator.Resources;
using k8s;

namespace IrOperator.Tests.Resources;

public class ExampleManifestTests
{
    private static readonly string[] SandboxAccounts = ["111111111111", "222222222222", "333333333333", "444444444444"];

    [Fact]
    public void Examples_hold_a_role_per_preset_and_a_grant_with_its_namespace()
    {
        Examples.Roles.Select(r => r.Spec.Preset).Should().BeEquivalentTo(Enum.GetValues<RolePreset>());
        Examples.Roles.Should().Contain(r => r.Spec.BreakGlass != null && r.Spec.Preset == RolePreset.ForensicInvestigator);
        Examples.Roles.Should().Contain(r => r.Spec.Trust != null);
        Examples.Grants.Should().ContainSingle(g => g.Spec.RequestedBy == "alice" && g.Metadata.NamespaceProperty == "incident-response");
        Examples.Manifests.Should().Contain(m => m.Json["kind"]!.GetValue<string>() == "Namespace"
                                                 && m.Json["metadata"]!["name"]!.GetValue<string>() == "incident-response");
    }

    [Fact]
    public void Every_example_round_trips_through_KubernetesJson()
    {
        foreach (var (file, json) in Examples.Manifests)
        {
            var typed = Manifests.ToObject(json);
            var written = JsonNode.Parse(KubernetesJson.Serialize(typed))!.AsObject();

            // What was written is kept; what the types add are only their defaults (the API server adds the same).
            Subset(json, written, file).Should().BeEmpty();
            var again = JsonNode.Parse(KubernetesJson.Serialize(Manifests.ToObject(written)));
            JsonNode.DeepEquals(again, written).Should().BeTrue(file);
        }
    }

    [Fact]
    public void Grants_and_roles_without_inline_policies_round_trip_through_KubernetesYaml()
    {
        foreach (var grant in Examples.Grants)
        {
            var back = KubernetesYaml.Deserialize<BreakGlassGrant>(KubernetesYaml.Serialize(grant));
            KubernetesJson.Serialize(back).Should().Be(KubernetesJson.Serialize(grant));
        }

        foreach (var role in Examples.Roles.Where(r => r.Spec.InlinePolicies == null))
        {
            var back = KubernetesYaml.Deserialize<ResponderRole>(KubernetesYaml.Serialize(role));
            KubernetesJson.Serialize(back).Should().Be(KubernetesJson.Serialize(role));
        }
    }

    [Fact]
    public void Inline_policies_stay_json_objects_with_their_types()
    {
        var role = Examples.Roles.Single(r => r.Spec.InlinePolicies != null);
        var policy = role.Spec.InlinePolicies!["network-read"];
        policy["Version"]!.GetValue<string>().Should().Be("2012-10-17");
        policy["Statement"]!.AsArray().Should().ContainSingle().Which!["Resource"]!.GetValue<string>().Should().Be("*");
    }

    [Fact]
    public void Examples_use_the_sandbox_organization_accounts()
    {
        var ids = Examples.Roles.SelectMany(r => (r.Spec.Accounts.Ids ?? []).Concat(r.Spec.Accounts.Exclude ?? []))
            .Concat(Examples.Grants.SelectMany(g => g.Spec.Accounts ?? []));
        ids.Should().OnlyContain(id => SandboxAccounts.Contains(id));
        Examples.Grants.Should().OnlyContain(g => g.Spec.PrincipalArn.StartsWith("arn:aws:iam::222222222222:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_grant_fits_its_role()
    {
        foreach (var grant in Examples.Grants)
        {
            var role = Examples.Roles.Should().ContainSingle(r => r.Metadata.Name == grant.Spec.Role).Subject;
            role.Spec.BreakGlass.Should().NotBeNull("a grant opens a break-glass role");
            (grant.Spec.Accounts ?? []).Should().BeSubsetOf(role.Spec.Accounts.Ids!);
            GoDuration.Parse(grant.Spec.Duration, "spec.duration")
                .Should().BeLessThanOrEqualTo(GoDuration.Parse(role.Spec.BreakGlass!.MaxGrantDuration, "spec.breakGlass.maxGrantDuration"));
            (role.Spec.BreakGlass.Approvers.Users ?? []).Should().NotContain(grant.Spec.RequestedBy);
        }
    }

    [Fact]
    public void Default_role_name_is_ir_plus_the_object_name()
    {
        var role = Examples.Roles.Single(r => r.Metadata.Name == "security-analyst");
        role.Spec.RoleName.Should().BeNull();
        role.IamRoleName.Should().Be("ir-security-analyst");
    }

    [Fact]
    public void Yaml_scalars_resolve_like_kubectl_reads_them()
    {
        var doc = Manifests.ParseYaml("a: true\nb: \"true\"\nc: 5\nd: \"5\"\ne: 1.5\nf: ~\ng: 2012-10-17\nh: [x, 'y']\n").Single();
        doc.ToJsonString().Should().Be("""{"a":true,"b":"true","c":5,"d":"5","e":1.5,"f":null,"g":"2012-10-17","h":["x","y"]}""");
    }

    private static List<string> Subset(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject eo && actual is JsonObject ao)
        {
            return eo.SelectMany(p => ao.ContainsKey(p.Key) ? Subset(p.Value, ao[p.Key], $"{path}.{p.Key}") : [$"{path}.{p.Key} missing"]).ToList();
        }

        return JsonNode.DeepEquals(expected, actual) ? [] : [$"{path}: {expected?.ToJsonString()} became {actual?.ToJsonString()}"];
    }
}
