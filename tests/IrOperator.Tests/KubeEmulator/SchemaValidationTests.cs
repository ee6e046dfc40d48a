using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Custom resources validated against the CRD's openAPIV3Schema over HTTP: 422 naming the field, CEL transition rules, unknown fields.</summary>
public sealed class SchemaValidationTests : IClassFixture<KubeEmulatorFixture>
{
    private readonly KubeEmulatorFixture _fixture;

    public SchemaValidationTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget()]);
    }

    [Fact]
    public async Task An_out_of_range_value_is_422_Invalid_naming_the_field()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.CreateAsync(WidgetApi.New("big", 11)));

        code.Should().Be(422);
        status["reason"]!.GetValue<string>().Should().Be("Invalid");
        status["message"]!.GetValue<string>().Should().StartWith("Widget.test.iroperator.io \"big\" is invalid: spec.size");
        status["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec.size");
    }

    [Fact]
    public async Task A_missing_required_field_is_422()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        var widget = WidgetApi.New("nosize", 1);
        widget["spec"]!.AsObject().Remove("size");

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.CreateAsync(widget));

        code.Should().Be(422);
        status["message"]!.GetValue<string>().Should().Contain("spec.size: Required value");
    }

    [Fact]
    public async Task A_CEL_transition_rule_refuses_a_change_and_allows_others()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        await widgets.CreateAsync(WidgetApi.New("imm", 2));

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.PatchAsync("imm", """{"spec":{"size":3}}"""));
        var allowed = await widgets.PatchAsync("imm", """{"spec":{"owner":"alice"}}""");

        code.Should().Be(422);
        status["message"]!.GetValue<string>().Should().Contain("size is immutable");
        allowed["spec"]!["owner"]!.GetValue<string>().Should().Be("alice");
    }

    [Fact]
    public async Task Unknown_fields_are_refused_when_strict_and_pruned_otherwise()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        var widget = WidgetApi.New("unk", 1);
        widget["spec"]!["shape"] = "round";

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.CreateAsync((JsonObject)widget.DeepClone(), fieldValidation: "Strict"));
        var pruned = await widgets.CreateAsync((JsonObject)widget.DeepClone(), fieldValidation: "Ignore");

        code.Should().Be(400);
        status["message"]!.GetValue<string>().Should().Contain("unknown field \"spec.shape\"");
        pruned["spec"]!["shape"].Should().BeNull();
    }

    [Fact]
    public async Task Unknown_fields_under_Warn_come_back_as_a_warning_header()
    {
        var ns = (await WidgetApi.InNewNamespaceAsync(_fixture.Admin)).Namespace;
        using var http = _fixture.Emulator.CreateHttpClient();
        var widget = WidgetApi.New("warned", 1);
        widget["spec"]!["shape"] = "round";

        using var response = await http.PostAsync(
            $"apis/test.iroperator.io/v1/namespaces/{ns}/widgets?fieldValidation=Warn",
            new StringContent(widget.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).Should().Be(201);
        response.Headers.GetValues("Warning").Should().ContainSingle().Which.Should().Be("299 - \"unknown field \\\"spec.shape\\\"\"");
    }

    [Fact]
    public async Task A_CRD_whose_CEL_rule_does_not_compile_is_refused_with_422()
    {
        var crd = TestCrds.Gizmo();
        crd.Metadata.Name = "brokens.test.iroperator.io";
        crd.Spec.Names = new V1CustomResourceDefinitionNames { Plural = "brokens", Kind = "Broken" };
        crd.Spec.Versions[0].Schema.OpenAPIV3Schema.XKubernetesValidations = [new V1ValidationRule { Rule = "self.level >" }];

        var (code, status) = await KubeErrors.StatusOfAsync(() => _fixture.Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd));

        code.Should().Be(422);
        status["message"]!.GetValue<string>().Should().Contain("spec.versions[0].schema.openAPIV3Schema");
        _fixture.Emulator.Catalog.FindAnyVersion(TestCrds.Group, "brokens").Should().BeNull();
    }
}
