using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// Records Kubernetes Events (core/v1, shown by `kubectl describe`) on the involved object, aggregating
/// repeats into one Event's count, and writes every event to the audit log first: Events expire from the
/// API server after an hour, the audit log is the durable break-glass record. Failing to write an Event
/// never fails the reconcile; the audit line has already been written.
/// </summary>
public sealed class EventRecorder
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly string _component;
    private readonly string _instance;
    private readonly EventAggregator _aggregator;
    private readonly ILogger _log;
    private readonly ILogger _audit;

    public EventRecorder(IKubernetes client, TimeProvider time, string component, string instance, ILogger? log = null, TimeSpan? aggregationWindow = null)
    {
        _client = client;
        _time = time;
        _component = component;
        _instance = instance;
        _aggregator = new EventAggregator(time, aggregationWindow ?? TimeSpan.FromMinutes(10));
        _log = log ?? Log.Logger;
        // One stream, one marker: audit lines carry Audit=true so a log pipeline can route them apart.
        _audit = _log.ForContext("Audit", true);
    }

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var metadata = involved.Metadata;
        _audit.Information(
            "{EventType} {Reason} on {Kind} {Namespace}/{Name}: {Message}",
            type, reason, involved.Kind, metadata.NamespaceProperty ?? "", metadata.Name, message);

        // Cluster-scoped objects have no namespace; their Events live in "default", as client-go does.
        var eventNamespace = string.IsNullOrEmpty(metadata.NamespaceProperty) ? "default" : metadata.NamespaceProperty;
        var identity = new EventIdentity(metadata.Uid ?? metadata.Name, type, reason, message);
        var now = _time.GetUtcNow();
        // 32 random bits after the millisecond: one reconcile records an Event per AWS account in the same
        // millisecond, and a 12-bit suffix collided there (AlreadyExists, the Event lost; docs/benchmarks.md).
        var decision = _aggregator.Decide(identity, $"{metadata.Name}.{now.ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.NextInt64(0x1_0000_0000):x8}");
        try
        {
            if (decision.IsNew)
            {
                await CreateAsync(involved, eventNamespace, type, reason, message, decision, cancellationToken).ConfigureAwait(false);
                return;
            }
            var patch = new JsonObject
            {
                ["count"] = decision.Count,
                ["lastTimestamp"] = decision.LastSeen.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            };
            try
            {
                await _client.CoreV1.PatchNamespacedEventAsync(
                    new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), decision.Name, eventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The Event expired on the server: start a new series.
                _aggregator.Forget(identity);
                await RecordAsync(involved, type, reason, message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.Warning(e, "Could not write Event {Reason} on {Kind} {Name}", reason, involved.Kind, metadata.Name);
        }
    }

    private Task CreateAsync(IKubernetesObject<V1ObjectMeta> involved, string eventNamespace, string type, string reason, string message, EventDecision decision, CancellationToken cancellationToken)
    {
        var metadata = involved.Metadata;
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = decision.Name, NamespaceProperty = eventNamespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = involved.ApiVersion,
                Kind = involved.Kind,
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
            },
            Type = type,
            Reason = Truncate(reason, 128),
            Message = Truncate(message, 1024),
            Count = decision.Count,
            FirstTimestamp = decision.FirstSeen.UtcDateTime,
            LastTimestamp = decision.LastSeen.UtcDateTime,
            Source = new V1EventSource { Component = _component },
            ReportingComponent = _component,
            ReportingInstance = _instance,
        };
        return _client.CoreV1.CreateNamespacedEventAsync(body, eventNamespace, cancellationToken: cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
