using System.Diagnostics;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.OpenApi;
using IrOperator.Sandbox.Kube.Printing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.KubeEmulator.Schema;

/// <summary>
/// Just enough of an API server on loopback for kubectl to resolve the test CRDs (discovery) and read
/// the OpenAPI v3 documents under test, and Tables for listing grants and events; single objects are always
/// absent (404). Not the emulator: it exists to check that kubectl itself accepts what
/// <see cref="OpenApiV3Builder"/> and <see cref="TableBuilder"/> produce.
/// </summary>
public sealed class KubectlStubServer : IAsyncLifetime
{
    private readonly OpenApiV3Snapshot _snapshot = new OpenApiV3Builder().Build([TestCrds.Grant(), TestCrds.Role()]);
    private WebApplication? _app;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "iroperator-openapi-" + Guid.NewGuid().ToString("N"));

    public string Kubeconfig => Path.Combine(Directory, "kubeconfig");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/version", () => Json("""{"major":"1","minor":"32","gitVersion":"v1.32.0","platform":"linux/amd64"}"""));
        _app.MapGet("/api", () => Json("""{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}"""));
        _app.MapGet("/apis", () => Json("""
            {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"iroperator.io",
              "versions":[{"groupVersion":"iroperator.io/v1alpha1","version":"v1alpha1"}],
              "preferredVersion":{"groupVersion":"iroperator.io/v1alpha1","version":"v1alpha1"}}]}
            """));
        _app.MapGet("/api/v1", () => Json("""
            {"kind":"APIResourceList","groupVersion":"v1","resources":[
              {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["get","list"]},
              {"name":"events","singularName":"event","namespaced":true,"kind":"Event","shortNames":["ev"],"verbs":["get","list"]}]}
            """));
        _app.MapGet("/apis/iroperator.io/v1alpha1", () => Json("""
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"iroperator.io/v1alpha1","resources":[
              {"name":"breakglassgrants","singularName":"breakglassgrant","namespaced":true,"kind":"BreakGlassGrant","shortNames":["bgg"],
               "verbs":["create","delete","get","list","patch","update","watch"]},
              {"name":"responderroles","singularName":"responderrole","namespaced":false,"kind":"ResponderRole",
               "verbs":["create","delete","get","list","patch","update","watch"]}]}
            """));
        _app.MapGet("/openapi/v3", () => Json(_snapshot.IndexJson));
        _app.MapGet("/openapi/v3/{**path}", (string path) =>
            _snapshot.TryGetDocument(path, out var document) ? Json(document.Json) : NotFound());
        _app.MapGet("/apis/iroperator.io/v1alpha1/namespaces/{ns}/breakglassgrants", (HttpRequest request) =>
            request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal) ? Json(GrantTable().ToJsonString()) : NotFound());
        _app.MapGet("/api/v1/namespaces/{ns}/events", (HttpRequest request) =>
            request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal)
                ? Json(TableBuilder.ForBuiltIn("", "Event", Clock()).Build([BuiltInTableTests.CoreEvent], IncludeObject.Metadata, "8").ToJsonString())
                : NotFound());
        _app.MapFallback(NotFound);
        await _app.StartAsync();
        var url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await File.WriteAllTextAsync(Kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: stub, cluster: {server: "URL"}}]
            users: [{name: tester, user: {}}]
            contexts: [{name: stub, context: {cluster: stub, user: tester, namespace: default}}]
            current-context: stub
            """.Replace("URL", url, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Runs kubectl against the stub with its own cache and home, and a deadline.</summary>
    public async Task<(int ExitCode, string Output)> KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args.Concat(["--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(Directory, "cache")]))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["HOME"] = Directory;
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A list of one grant, five minutes old, as a Table with printer columns (what kubectl get asks for).</summary>
    private static JsonObject GrantTable()
    {
        var grant = GrantSchema.Grant();
        grant["metadata"]!["creationTimestamp"] = "2026-11-29T11:55:00Z";
        grant["metadata"]!["resourceVersion"] = "7";
        var columns = new PrinterColumn[]
        {
            new("Role", "string", ".spec.roleName"),
            new("Incident", "string", ".spec.incident"),
            new("Principal", "string", ".spec.principalArn", Priority: 1),
            new("Age", "date", ".metadata.creationTimestamp"),
        };
        return new TableBuilder(columns, Clock()).Build([grant], IncludeObject.Metadata, "7");
    }

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private static IResult Json(string body) => Results.Text(body, "application/json");

    private static IResult NotFound() => Results.Text(
        new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = "not found", ["reason"] = "NotFound", ["code"] = 404 }.ToJsonString(),
        "application/json",
        statusCode: 404);
}
