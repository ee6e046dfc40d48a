using System.Text.Json.Nodes;
using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The chart checked with the real Helm: lint, the defaults and a non-default set rendered and read back, the
/// schema refusing bad values, the CRDs Helm installs equal to what the C# types generate, and the sandbox's copy
/// of the chart's RBAC equal to what Helm renders (docs/install.md).
/// </summary>
public sealed class HelmChartTests
{
    /// <summary>One replica, ServiceMonitor on, custom approver groups, an IRSA role.</summary>
    private static readonly string[] NonDefault =
    [
        "--set", "replicaCount=1",
        "--set", "metrics.serviceMonitor.enabled=true",
        "--set", "metrics.serviceMonitor.labels.release=kube-prometheus-stack",
        "--set", "rbac.approvers.groups={sec-leads,oncall-managers}",
        "--set", "rbac.grantNamespaces={incident-response,ir-prod}",
        "--set", "serviceAccount.irsaRoleArn=arn:aws:iam::111122223333:role/iroperator",
        "--set", "operator.logLevel=Debug",
        "--set", "image.tag=1.2.3",
    ];

    [Fact]
    public async Task Lint_strict_passes_with_the_defaults_and_the_non_default_set()
    {
        var defaults = await Helm.RunAsync("lint", "--strict", Helm.Chart);
        defaults.ExitCode.Should().Be(0, defaults.Output + defaults.Error);
        defaults.Output.Should().Contain("0 chart(s) failed");

        var other = await Helm.RunAsync(["lint", "--strict", Helm.Chart, .. NonDefault]);
        other.ExitCode.Should().Be(0, other.Output + other.Error);
    }

    [Fact]
    public async Task Defaults_render_a_hardened_two_replica_operator_with_probes_and_its_objects()
    {
        var chart = new RenderedChart(await Helm.TemplateAsync());

        var deployment = chart.Deployment;
        Text(deployment["spec"]!["replicas"]).Should().Be("2");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        Text(pod["serviceAccountName"]).Should().Be(SandboxUsers.OperatorServiceAccount);
        Text(pod["securityContext"]!["runAsNonRoot"]).Should().Be("true");
        Text(pod["securityContext"]!["runAsUser"]).Should().NotBe("0");
        Text(pod["securityContext"]!["seccompProfile"]!["type"]).Should().Be("RuntimeDefault");
        int.Parse(Text(pod["terminationGracePeriodSeconds"]), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThan(int.Parse(chart.Env("IROPERATOR_GracefulShutdownTimeoutSeconds")!, System.Globalization.CultureInfo.InvariantCulture), "the Lease is released after the drain");
        pod["topologySpreadConstraints"]!.AsArray().Select(c => Text(c!["topologyKey"]))
            .Should().Equal("topology.kubernetes.io/zone", "kubernetes.io/hostname");

        var container = chart.Container;
        var security = container["securityContext"]!;
        Text(security["allowPrivilegeEscalation"]).Should().Be("false");
        Text(security["readOnlyRootFilesystem"]).Should().Be("true");
        Text(security["runAsNonRoot"]).Should().Be("true");
        security["capabilities"]!["drop"]!.AsArray().Select(Text).Should().Equal("ALL");
        Text(security["seccompProfile"]!["type"]).Should().Be("RuntimeDefault");
        Text(container["livenessProbe"]!["httpGet"]!["path"]).Should().Be("/healthz");
        Text(container["readinessProbe"]!["httpGet"]!["path"]).Should().Be("/readyz");
        Text(container["livenessProbe"]!["httpGet"]!["port"]).Should().Be("http-metrics");
        var port = container["ports"]!.AsArray().Single()!;
        (Text(port["name"]), Text(port["containerPort"])).Should().Be(("http-metrics", "8081"));
        chart.Env("IROPERATOR_HealthPort").Should().Be("8081", "the probes and /metrics are on the port the operator serves");
        container["resources"]!["requests"]!["memory"].Should().NotBeNull();
        container["resources"]!["limits"]!["memory"].Should().NotBeNull();
        Text(container["image"]).Should().Be("ir-operator:0.1.0", "the tag defaults to the chart's appVersion");

        chart.Env("IROPERATOR_LeaderElection__Enabled").Should().Be("true");
        chart.Env("IROPERATOR_LeaderElection__LeaseName").Should().Be("iroperator-leader");
        chart.Env("POD_NAME").Should().BeNull("it comes from the pod's name (fieldRef)");
        chart.Env("IROPERATOR_LogFormat").Should().Be("json");
        chart.Env("IROPERATOR_Grants__SourceIdentityStripPrefixes__0").Should().Be("oidc:");
        chart.Env("IROPERATOR_ResponderRoles__DefaultPermissionsBoundary").Should().Be(
            "arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary", "deploy/aws's boundary in every account, which its provisioner requires");

        chart.Single("ServiceAccount", "iroperator")["metadata"]!["annotations"].Should().BeNull("no IRSA role unless one is given");
        Text(chart.Single("Service", "iroperator-metrics")["spec"]!["ports"]![0]!["targetPort"]).Should().Be("http-metrics");
        Text(chart.Single("PodDisruptionBudget", "iroperator")["spec"]!["minAvailable"]).Should().Be("1");
        chart.Single("NetworkPolicy", "iroperator")["spec"]!["policyTypes"]!.AsArray().Select(Text).Should().Equal("Ingress", "Egress");
        chart.OfKind("ServiceMonitor").Should().BeEmpty();
        chart.Subjects("RoleBinding", "iroperator-grant-approvers", "Group").Should().Equal("ir-approvers");
        chart.Subjects("ClusterRoleBinding", "iroperator-operator", "ServiceAccount").Should().Equal("iroperator");
        chart.Objects.Should().OnlyContain(o => o["metadata"]!["labels"]!["app.kubernetes.io/instance"] != null, "every object carries the chart's labels");
    }

    [Fact]
    public async Task The_non_default_set_is_applied()
    {
        var chart = new RenderedChart(await Helm.TemplateAsync(NonDefault));

        Text(chart.Deployment["spec"]!["replicas"]).Should().Be("1");
        chart.OfKind("PodDisruptionBudget").Should().BeEmpty("a budget of one with one replica would block every drain");
        var monitor = chart.Single("ServiceMonitor", "iroperator");
        Text(monitor["metadata"]!["labels"]!["release"]).Should().Be("kube-prometheus-stack");
        Text(monitor["spec"]!["endpoints"]![0]!["port"]).Should().Be("http-metrics");
        Text(monitor["spec"]!["endpoints"]![0]!["path"]).Should().Be("/metrics");

        var approverBindings = chart.OfKind("RoleBinding").Where(b => Text(b["metadata"]!["name"]) == "iroperator-grant-approvers").ToList();
        approverBindings.Select(b => Text(b["metadata"]!["namespace"])).Should().Equal("incident-response", "ir-prod");
        chart.Subjects("ClusterRoleBinding", "iroperator-responderrole-readers", "Group").Should().Equal("ir-responders", "sec-leads", "oncall-managers");
        foreach (var binding in approverBindings)
        {
            binding["subjects"]!.AsArray().Select(s => Text(s!["name"])).Should().Equal("sec-leads", "oncall-managers");
        }

        Text(chart.Single("ServiceAccount", "iroperator")["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"])
            .Should().Be("arn:aws:iam::111122223333:role/iroperator");
        chart.Env("IROPERATOR_LogLevel").Should().Be("Debug");
        Text(chart.Container["image"]).Should().Be("ir-operator:1.2.3");
    }

    [Fact]
    public async Task An_empty_default_boundary_sets_none()
    {
        var chart = new RenderedChart(await Helm.TemplateAsync("--set", "operator.responderRoles.defaultPermissionsBoundary="));

        chart.Env("IROPERATOR_ResponderRoles__DefaultPermissionsBoundary").Should().BeNull();
    }

    [Theory]
    [InlineData("pod.runAsUser=0", "/pod/runAsUser")]
    [InlineData("operator.logFormat=xml", "/operator/logFormat")]
    [InlineData("replicaCount=0", "/replicaCount")]
    [InlineData("serviceAccount.irsaRoleArn=my-role", "/serviceAccount/irsaRoleArn")]
    [InlineData("operator.grants.retention=7d", "/operator/grants/retention")]
    [InlineData("rbac.aprovers.groups={x}", "aprovers")]
    [InlineData("operator.responderRoles.defaultPermissionsBoundary=arn:aws:iam::${AWS::AccountId}:policy/b", "/operator/responderRoles/defaultPermissionsBoundary")]
    public async Task The_schema_refuses_bad_values_naming_the_field(string set, string field)
    {
        var (exit, _, error) = await Helm.RunAsync("template", "iroperator", Helm.Chart, "--set", set);

        exit.Should().NotBe(0);
        error.Should().Contain(field);
    }

    [Fact]
    public async Task A_service_monitor_without_the_service_is_refused()
    {
        var (exit, _, error) = await Helm.RunAsync("template", "iroperator", Helm.Chart, "--set", "metrics.serviceMonitor.enabled=true", "--set", "metrics.service.enabled=false");

        exit.Should().NotBe(0);
        error.Should().Contain("metrics.service.enabled");
    }

    [Fact]
    public async Task The_crds_helm_installs_are_what_the_types_generate()
    {
        var (exit, output, error) = await Helm.RunAsync("show", "crds", Helm.Chart);
        exit.Should().Be(0, error);

        var shown = KubernetesYaml.LoadAllFromString(output).Cast<V1CustomResourceDefinition>().OrderBy(c => c.Metadata.Name).Select(c => KubernetesJson.Serialize(c));
        var generated = CrdGenerator.GenerateAll().OrderBy(c => c.Metadata.Name).Select(c => KubernetesJson.Serialize(c));
        shown.Should().Equal(generated, "regenerate with `dotnet run --project src/Operator -- crds --output-dir deploy/helm/ir-operator/crds`");
    }

    [Fact]
    public async Task The_sandbox_applies_exactly_the_rbac_helm_renders()
    {
        var info = new System.Diagnostics.ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Helm.RepositoryRoot,
        };
        info.ArgumentList.Add(Path.Combine("deploy", "sandbox", "render.sh"));
        var (exit, output, error) = await Helm.RunAsync(info);
        exit.Should().Be(0, error);

        const string Regenerate = "deploy/sandbox/chart-rbac.yaml is out of date with the chart: run `deploy/sandbox/render.sh > deploy/sandbox/chart-rbac.yaml`";
        (await File.ReadAllTextAsync(Path.Combine(Helm.RepositoryRoot, "deploy", "sandbox", "chart-rbac.yaml"))).Should().Be(output, Regenerate);
        SandboxRbac.ChartRbac.Should().Be(output, "the sandbox embeds deploy/sandbox/chart-rbac.yaml as it is");
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}
