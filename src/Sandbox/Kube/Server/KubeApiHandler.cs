using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Audit;
using IrOperator.Sandbox.Kube.Authorization;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Faults;
using IrOperator.Sandbox.Kube.OpenApi;
using IrOperator.Sandbox.Kube.Printing;
using IrOperator.Sandbox.Kube.Protobuf;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Selectors;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// The HTTP face of the emulator: authenticates the bearer token, applies injected faults, routes
/// discovery, OpenAPI and resource URLs, negotiates Table responses, and turns every refusal into a
/// <c>Status</c> with the right code.
/// </summary>
public sealed class KubeApiHandler
{
    private readonly ResourceCatalog _catalog;
    private readonly ResourceService _resources;
    private readonly WatchStreamer _watches;
    private readonly UserRegistry _users;
    private readonly KubeFaults _faults;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultWatchTimeout;
    private readonly AccessControl _access;
    private readonly AuditLog? _audit;

    public KubeApiHandler(ResourceCatalog catalog, ResourceService resources, WatchStreamer watches, UserRegistry users, KubeFaults faults, TimeProvider time, TimeSpan defaultWatchTimeout, AccessControl access, AuditLog? audit = null)
    {
        _access = access;
        _audit = audit;
        _catalog = catalog;
        _resources = resources;
        _watches = watches;
        _users = users;
        _faults = faults;
        _time = time;
        _defaultWatchTimeout = defaultWatchTimeout;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Every response carries its audit ID, as on the server; admission leaves its warnings and audit annotations in effects.
        var audit = new AuditRecord(context, _time.GetUtcNow());
        context.Items[typeof(AuditRecord)] = audit;
        context.Items[typeof(AdmissionEffects)] = new AdmissionEffects();
        context.Response.Headers["Audit-Id"] = audit.AuditId;
        JsonObject? failure = null;
        try
        {
            await RouteAsync(context);
        }
        catch (KubeApiException e)
        {
            await WriteStatusAsync(context, failure = e.Status);
        }
        catch (JsonException e)
        {
            await WriteStatusAsync(context, failure = StatusObjects.BadRequest($"the body of the request could not be decoded: {e.Message}").Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An emulator bug: answer like the server's panic handler, naming the failure so tests show it.
            await WriteStatusAsync(context, failure = StatusObjects.InternalError($"{e.GetType().Name}: {e.Message}").Status);
        }
        finally
        {
            if (_audit is not null && _audit.Records(audit.Verb, context.Response.StatusCode))
            {
                _audit.Write(audit.ToEvent(context.Response.StatusCode, failure, Effects(context).AuditAnnotations, _time.GetUtcNow()));
            }
        }
    }

    private static AdmissionEffects Effects(HttpContext context) =>
        context.Items[typeof(AdmissionEffects)] as AdmissionEffects ?? new AdmissionEffects();

    private static AuditRecord? Audit(HttpContext context) => context.Items[typeof(AuditRecord)] as AuditRecord;

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body, IReadOnlyList<string>? warnings = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        foreach (var warning in (warnings ?? []).Concat(Effects(context).Warnings))
        {
            // The server's warning header: code 299, agent "-", Go-quoted text.
            context.Response.Headers.Append("Warning", $"299 - {GoFormat.Quote(warning)}");
        }

        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task WriteStatusAsync(HttpContext context, JsonObject status)
    {
        var code = status["code"]?.GetValue<int>() ?? 500;
        if (code == 429 && status["details"]?["retryAfterSeconds"] is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString();
        }

        return WriteJsonAsync(context, code, status);
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private async Task RouteAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = request.Path.Value?.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var first = segments.Length > 0 ? segments[0] : "";
        if (first is "healthz" or "livez" or "readyz")
        {
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        if (first == "version" && segments.Length == 1)
        {
            await WriteJsonAsync(context, 200, Discovery.Version());
            return;
        }

        var caller = _users.Authenticate(BearerToken(request)) ?? throw StatusObjects.Unauthorized();

        // The audit log names the authenticated caller even when impersonation or RBAC refuses the request.
        Audit(context)!.User = caller;

        // Impersonation, then RBAC (docs/kube-emulator.md): from here on the request runs as this user.
        var user = _access.Authorize(request, caller);
        context.Items[typeof(KubeUser)] = user;
        if (user.ImpersonatedBy is not null)
        {
            Audit(context)!.ImpersonatedUser = user;
        }
        switch (first)
        {
            case "openapi":
                await OpenApiAsync(context, segments);
                return;
            case "api" when segments.Length == 1:
                await WriteJsonAsync(context, 200, Discovery.CoreVersions($"{request.Host}"));
                return;
            case "api" when segments.Length == 2:
                await WriteJsonAsync(context, 200, Discovery.ResourceList(_catalog.All, "", segments[1]) ?? throw NotFoundPath());
                return;
            case "api":
                await ResourceAsync(context, user, "", segments[1], segments[2..]);
                return;
            case "apis" when segments.Length == 1:
                await WriteJsonAsync(context, 200, Discovery.GroupList(_catalog.All));
                return;
            case "apis" when segments.Length == 2:
                await WriteJsonAsync(context, 200, Discovery.Group(_catalog.All, segments[1]) ?? throw NotFoundPath());
                return;
            case "apis" when segments.Length == 3:
                await WriteJsonAsync(context, 200, Discovery.ResourceList(_catalog.All, segments[1], segments[2]) ?? throw NotFoundPath());
                return;
            case "apis":
                await ResourceAsync(context, user, segments[1], segments[2], segments[3..]);
                return;
            default:
                throw NotFoundPath();
        }
    }

    private static KubeApiException NotFoundPath() => StatusObjects.NotFound("the server could not find the requested resource");

    private async Task OpenApiAsync(HttpContext context, string[] segments)
    {
        if (segments.Length == 2 && segments[1] == "v2")
        {
            // kubectl before 1.29 reads v2 (protobuf only) for apply and explain; see OpenApiV2Builder.
            var v2 = OpenApiV2Builder.For(_catalog.OpenApi);
            if (context.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = OpenApiV2Document.ProtobufMediaType;
                await context.Response.Body.WriteAsync(v2.Protobuf, context.RequestAborted);
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(v2.Json, context.RequestAborted);
            return;
        }

        if (segments.Length < 2 || segments[1] != "v3")
        {
            throw NotFoundPath();
        }

        var snapshot = _catalog.OpenApi;
        if (segments.Length == 2)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(snapshot.IndexJson, context.RequestAborted);
            return;
        }

        if (!snapshot.TryGetDocument(string.Join('/', segments[2..]), out var document))
        {
            throw NotFoundPath();
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "public, immutable";
        await context.Response.WriteAsync(document.Json, context.RequestAborted);
    }

    private async Task ResourceAsync(HttpContext context, KubeUser user, string group, string version, string[] rest)
    {
        var target = RequestTarget.Parse(_catalog, group, version, rest) ?? throw NotFoundPath();
        var request = context.Request;
        if (AccessControlResources.IsReview(target.Type))
        {
            await ReviewAsync(context, target, user);
            return;
        }

        var query = request.Query;
        var method = request.Method;
        var isWatch = target.LegacyWatch || IsTrue(query["watch"]);
        var verb = (method, target.Name is null) switch
        {
            ("GET", true) => isWatch ? "watch" : "list",
            ("GET", false) => "get",
            ("POST", true) => "create",
            ("PUT", false) => "update",
            ("PATCH", false) => "patch",
            ("DELETE", false) => "delete",
            _ => throw StatusObjects.MethodNotAllowed($"the server does not allow this method on the requested resource"),
        };
        var ns = target.Namespace ?? "";
        var name = target.Name ?? "";
        Audit(context)!.Target(verb, target.Type, ns, name, target.Subresource);
        await InjectFaultsAsync(verb, target.Type.Plural, context.RequestAborted);

        var options = (verb switch
        {
            "create" => WriteOptions.FromQuery(query, "CreateOptions"),
            "update" => WriteOptions.FromQuery(query, "UpdateOptions"),
            "patch" => WriteOptions.FromQuery(query, "PatchOptions"),
            _ => WriteOptions.Default,
        }) with { Effects = Effects(context) };
        switch (verb)
        {
            case "get":
                var obj = _resources.Get(target.Type, ns, name);
                await WriteJsonAsync(context, 200, TableRequested(request, target.Type, out var table, out var include) ? table.BuildForObject(obj, include) : obj);
                return;
            case "list":
                ListOptionsValidation.Validate(query, watch: false);
                await ListAsync(context, target);
                return;
            case "watch":
                ListOptionsValidation.Validate(query, watch: true);
                await _watches.StreamAsync(context, ParseWatch(request, target));
                return;
            case "create":
                var created = await ReadObjectAsync(request);
                Audit(context)!.Name = ObjectMetadata.Name(created);
                var result = _resources.Create(target.Type, ns, created, options, user);
                Audit(context)!.Name = ObjectMetadata.Name(result.Body);
                await WriteAsync(context, result);
                return;
            case "update":
                await WriteAsync(context, _resources.Update(target.Type, ns, name, await ReadObjectAsync(request), target.Subresource, options, user));
                return;
            case "patch":
                await WriteAsync(context, _resources.Patch(target.Type, ns, name, request.ContentType ?? "", await ReadBodyAsync(request), target.Subresource, options, user));
                return;
            default:
                await WriteAsync(context, _resources.Delete(target.Type, ns, name, DeleteRequest.Parse(await ReadBodyAsync(request), query) with { Effects = Effects(context) }, user));
                return;
        }
    }

    /// <summary>Access reviews are answered, not stored: POST to the collection only.</summary>
    private async Task ReviewAsync(HttpContext context, RequestTarget target, KubeUser user)
    {
        if (context.Request.Method != "POST" || target.Name is not null)
        {
            throw StatusObjects.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        var review = await ReadObjectAsync(context.Request);
        await WriteJsonAsync(context, 201, _access.Reviews.Review(target.Type, target.Namespace ?? "", review, user));
    }

    private async Task InjectFaultsAsync(string verb, string resource, CancellationToken ct)
    {
        if (!_faults.AppliesTo(verb, resource))
        {
            return;
        }

        if (_faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_faults.Latency, _time, ct);
        }

        if (_faults.DrawError())
        {
            throw new KubeApiException(_faults.ErrorStatusCode == 429
                ? StatusObjects.TooManyRequests(_faults.RetryAfterSeconds)
                : StatusObjects.InternalError("injected fault").Status);
        }
    }

    private async Task ListAsync(HttpContext context, RequestTarget target)
    {
        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0;
        var (items, revision, next, remaining) = _resources.List(
            target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], SelectableFields.For(target.Type)), limit, query["continue"]);
        var rv = revision.ToString(CultureInfo.InvariantCulture);
        if (TableRequested(context.Request, target.Type, out var table, out var include))
        {
            await WriteJsonAsync(context, 200, table.Build(items, include, rv, next));
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["apiVersion"] = target.Type.ApiVersion,
            ["kind"] = target.Type.ListKind,
            ["metadata"] = metadata,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        });
    }

    private WatchRequest ParseWatch(HttpRequest request, RequestTarget target)
    {
        var query = request.Query;
        var rvText = query["resourceVersion"].ToString();
        long from = 0;
        if (rvText.Length > 0 && !long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            throw StatusObjects.BadRequest($"invalid resource version \"{rvText}\"");
        }

        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : _defaultWatchTimeout;
        var wantsTable = TableRequested(request, target.Type, out var table, out var include);
        return new WatchRequest(
            target.Type,
            target.Namespace,
            from,
            IsTrue(query["allowWatchBookmarks"]),
            timeout,
            LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"], SelectableFields.For(target.Type)),
            wantsTable ? table : null,
            include);
    }

    /// <summary>kubectl asks for <c>application/json;as=Table;v=v1;g=meta.k8s.io</c> to get server-side columns.</summary>
    private bool TableRequested(HttpRequest request, ResourceType type, out TableBuilder table, out IncludeObject include)
    {
        var accept = request.Headers.Accept.ToString();
        var wanted = accept.Contains("as=Table", StringComparison.Ordinal);
        table = wanted ? type.Table(_time) : null!;
        if (!IncludeObjects.TryParse(request.Query["includeObject"], out include))
        {
            throw StatusObjects.BadRequest($"includeObject must be None, Metadata or Object, not \"{request.Query["includeObject"]}\"");
        }

        return wanted;
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        var contentType = request.ContentType ?? "application/json";
        if (contentType.StartsWith(KubeProtobuf.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            try
            {
                return KubeProtobuf.Decode(buffer.ToArray()) ?? throw StatusObjects.UnsupportedMediaType(contentType);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException e)
            {
                throw StatusObjects.BadRequest($"the body of the request could not be decoded: {e.Message}");
            }
        }

        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw StatusObjects.UnsupportedMediaType(contentType);
        }

        return JsonNode.Parse(await ReadBodyAsync(request)) as JsonObject
               ?? throw StatusObjects.BadRequest("the body of the request must be a JSON object");
    }

    private static Task WriteAsync(HttpContext context, WriteResult result) =>
        WriteJsonAsync(context, result.StatusCode, result.Body, result.Warnings);
}
