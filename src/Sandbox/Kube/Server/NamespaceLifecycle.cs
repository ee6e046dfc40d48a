using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Storage;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// What the namespace controller and the apiextensions finalizer controller do when a namespace or a
/// CRD is deleted, run on change instead of in a background loop, so it is deterministic: the owner is
/// marked (namespace: <c>status.phase</c> Terminating; CRD: the <c>customresourcecleanup</c> finalizer and
/// a Terminating condition), every object it holds is deleted as a DELETE would (removed, or marked with
/// deletionTimestamp while finalizers remain), and each time one of those objects goes, the owner is
/// finished once nothing is left: the namespace's <c>kubernetes</c> finalizer is removed and the
/// namespace deleted, or the CRD's finalizer removed and the CRD deleted. See docs/kube-emulator.md.
/// </summary>
internal sealed class NamespaceLifecycle
{
    public const string NamespaceFinalizer = "kubernetes";
    public const string CrdCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";
    private const string NamespacesKey = "/namespaces";
    private const string CrdsKey = CustomResourceDefinitions.Group + "/" + CustomResourceDefinitions.Plural;
    private const int Attempts = 10;

    private readonly ObjectStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly TimeProvider _time;

    public NamespaceLifecycle(ObjectStore store, ResourceCatalog catalog, TimeProvider time)
    {
        _store = store;
        _catalog = catalog;
        _time = time;
    }

    /// <summary>
    /// The NamespaceLifecycle admission plugin's refusal (403 Forbidden, with the NamespaceTerminating
    /// cause clients such as the garbage collector look for).
    /// </summary>
    public static KubeApiException NamespaceTerminating(ResourceType type, string name, string ns)
    {
        var why = $"unable to create new content in namespace {ns} because it is being terminated";
        return new KubeApiException(StatusObjects.Failure(
            403,
            "Forbidden",
            name.Length == 0 ? $"{type.QualifiedPlural} is forbidden: {why}" : $"{type.QualifiedPlural} \"{name}\" is forbidden: {why}",
            new JsonObject
            {
                ["name"] = name,
                ["group"] = type.Group,
                ["kind"] = type.Plural,
                ["causes"] = new JsonArray(new JsonObject
                {
                    ["reason"] = "NamespaceTerminating",
                    ["message"] = $"namespace {ns} is being terminated",
                    ["field"] = "metadata.namespace",
                }),
            }));
    }

    /// <summary>The apiextensions server's refusal to create instances of a CRD being deleted (405).</summary>
    public static KubeApiException CrdTerminating(ResourceType type, string verb) =>
        new(StatusObjects.Failure(
            405,
            "MethodNotAllowed",
            $"{verb} not allowed while custom resource definition is terminating",
            new JsonObject { ["group"] = type.Group, ["kind"] = type.Plural }));

    public bool IsNamespaceTerminating(string ns) => ns.Length > 0 && _store.IsDeleting(NamespacesKey, "", ns);

    /// <summary>True when <paramref name="type"/> is a custom resource whose CRD is being deleted.</summary>
    public bool IsCrdTerminating(ResourceType type) => type.IsCustom && _store.IsDeleting(CrdsKey, "", CrdName(type.Group, type.Plural));

    /// <summary>A namespace as the first DELETE leaves it: deletionTimestamp set, phase Terminating.</summary>
    public JsonObject MarkNamespace(JsonObject ns)
    {
        var marked = (JsonObject)ns.DeepClone();
        ObjectMetadata.Of(marked)["deletionTimestamp"] = Timestamps.Format(_time.GetUtcNow());
        ObjectMetadata.Of(marked)["deletionGracePeriodSeconds"] = 0L;
        var status = marked["status"] as JsonObject ?? new JsonObject();
        status["phase"] = "Terminating";
        marked["status"] = status;
        return marked;
    }

    /// <summary>A CRD as the first DELETE leaves it: deletionTimestamp, the cleanup finalizer, Terminating condition.</summary>
    public JsonObject MarkCrd(JsonObject crd)
    {
        var marked = (JsonObject)crd.DeepClone();
        var metadata = ObjectMetadata.Of(marked);
        metadata["deletionTimestamp"] = Timestamps.Format(_time.GetUtcNow());
        metadata["deletionGracePeriodSeconds"] = 0L;
        if (!ObjectMetadata.Finalizers(marked).Contains(CrdCleanupFinalizer))
        {
            var finalizers = metadata["finalizers"] as JsonArray ?? new JsonArray();
            finalizers.Add(CrdCleanupFinalizer);
            metadata["finalizers"] = finalizers;
        }

        SetCrdTerminating(marked, "InstanceDeletionPending", "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon");
        return marked;
    }

    /// <summary>Deletes everything in a terminating namespace, then finishes it if nothing holds it.</summary>
    public void SweepNamespace(string ns)
    {
        foreach (var (storageKey, name) in _store.KeysInNamespace(ns))
        {
            MarkOrRemove(storageKey, ns, name);
        }

        FinishNamespace(ns);
    }

    /// <summary>Deletes every instance of a terminating CRD, then finishes it if none is left.</summary>
    public void SweepCrd(string crdName)
    {
        var storageKey = StorageKeyOfCrd(crdName);
        UpdateCrd(crdName, crd => SetCrdTerminating(crd, "InstanceDeletionInProgress", "CustomResource deletion is in progress"));
        foreach (var (ns, name) in _store.KeysOf(storageKey))
        {
            MarkOrRemove(storageKey, ns, name);
        }

        FinishCrd(crdName);
    }

    /// <summary>After an object is removed: its terminating namespace or CRD may now be empty.</summary>
    public void ObjectRemoved(ResourceType type, string ns)
    {
        if (type.Namespaced && IsNamespaceTerminating(ns))
        {
            FinishNamespace(ns);
        }

        if (IsCrdTerminating(type))
        {
            FinishCrd(CrdName(type.Group, type.Plural));
        }
    }

    /// <summary>After an object is created: a namespace that started terminating meanwhile gets it too.</summary>
    public void ObjectCreated(ResourceType type, string ns, string name)
    {
        if (type.Namespaced && IsNamespaceTerminating(ns))
        {
            MarkOrRemove(type.StorageKey, ns, name);
            FinishNamespace(ns);
        }
    }

    /// <summary>
    /// Removes the namespace's <c>kubernetes</c> finalizer once no content is left, and the namespace once
    /// its spec and metadata finalizers are empty; while content remains, says what in its conditions.
    /// </summary>
    public void FinishNamespace(string ns)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = _store.Get(NamespacesKey, "", ns);
            if (current is null || !ObjectMetadata.IsDeleting(current))
            {
                return;
            }

            var revision = ObjectStore.ParseResourceVersion(current);
            var content = _store.KeysInNamespace(ns);
            var next = (JsonObject)current.DeepClone();
            SetContentConditions(next, content);
            var specFinalizers = SpecFinalizers(next);
            if (content.Count == 0 && specFinalizers.Remove(NamespaceFinalizer))
            {
                // All content is gone: the namespace controller's finalizer is done.
                next["spec"] = new JsonObject { ["finalizers"] = new JsonArray(specFinalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()) };
            }

            if (specFinalizers.Count == 0 && ObjectMetadata.Finalizers(next).Count == 0)
            {
                // Finalized (by us or by a PUT to /finalize): the namespace goes, and anything still in it.
                if (_store.TryDelete(NamespacesKey, "", ns, revision, next) == WriteOutcome.Written)
                {
                    _store.DropNamespace(ns);
                    return;
                }

                continue;
            }

            if (JsonNode.DeepEquals(next, current) || _store.TryReplace(NamespacesKey, "", ns, revision, next) == WriteOutcome.Written)
            {
                return;
            }
        }
    }

    public static List<string> SpecFinalizers(JsonObject ns) =>
        (ns["spec"]?["finalizers"] as JsonArray)?.Select(ObjectMetadata.Text).ToList() ?? [];

    private static string CrdName(string group, string plural) => $"{plural}.{group}";

    private static string StorageKeyOfCrd(string crdName)
    {
        var parts = crdName.Split('.', 2);
        return $"{(parts.Length > 1 ? parts[1] : "")}/{parts[0]}";
    }

    private void SetCrdTerminating(JsonObject crd, string reason, string message)
    {
        var status = crd["status"] as JsonObject ?? new JsonObject();
        crd["status"] = status;
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = conditions;
        SetCondition(conditions, "Terminating", "True", reason, message, Timestamps.Format(_time.GetUtcNow()));
    }

    private static void SetCondition(JsonArray conditions, string type, string status, string reason, string message, string now)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => ObjectMetadata.Text(c["type"]) == type);
        if (existing is null)
        {
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message });
            return;
        }

        if (ObjectMetadata.Text(existing["status"]) != status)
        {
            existing["lastTransitionTime"] = now;
        }

        existing["status"] = status;
        existing["reason"] = reason;
        existing["message"] = message;
    }

    /// <summary>Deletes one object as a DELETE does: removed without finalizers, else marked (generation bumped).</summary>
    private void MarkOrRemove(string storageKey, string ns, string name)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = _store.Get(storageKey, ns, name);
            if (current is null || (ObjectMetadata.IsDeleting(current) && ObjectMetadata.Finalizers(current).Count > 0))
            {
                return;
            }

            var revision = ObjectStore.ParseResourceVersion(current);
            var outcome = ObjectMetadata.Finalizers(current).Count > 0
                ? _store.TryReplace(storageKey, ns, name, revision, ObjectMetadata.MarkedForDeletion(current, _time.GetUtcNow()))
                : _store.TryDelete(storageKey, ns, name, revision, current);
            if (outcome != WriteOutcome.ResourceVersionMismatch)
            {
                return;
            }
        }
    }

    private void FinishCrd(string crdName)
    {
        if (_store.KeysOf(StorageKeyOfCrd(crdName)).Count > 0)
        {
            return;
        }

        UpdateCrd(crdName, crd =>
        {
            SetCrdTerminating(crd, "InstanceDeletionCompleted", "removed all instances");
            var metadata = ObjectMetadata.Of(crd);
            var remaining = ObjectMetadata.Finalizers(crd).Where(f => f != CrdCleanupFinalizer).ToList();
            metadata["finalizers"] = new JsonArray(remaining.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        });
        var crdNow = _store.Get(CrdsKey, "", crdName);
        if (crdNow is not null && ObjectMetadata.IsDeleting(crdNow) && ObjectMetadata.Finalizers(crdNow).Count == 0
            && _store.TryDelete(CrdsKey, "", crdName, ObjectStore.ParseResourceVersion(crdNow), crdNow) == WriteOutcome.Written)
        {
            _catalog.RemoveCrd(crdName);
            _store.DropAll(StorageKeyOfCrd(crdName));
        }
    }

    private void UpdateCrd(string crdName, Action<JsonObject> change)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = _store.Get(CrdsKey, "", crdName);
            if (current is null || !ObjectMetadata.IsDeleting(current))
            {
                return;
            }

            var next = (JsonObject)current.DeepClone();
            change(next);
            if (JsonNode.DeepEquals(next, current)
                || _store.TryReplace(CrdsKey, "", crdName, ObjectStore.ParseResourceVersion(current), next) == WriteOutcome.Written)
            {
                return;
            }
        }
    }

    /// <summary>The namespace controller's two conditions that say why a namespace is still Terminating.</summary>
    private void SetContentConditions(JsonObject ns, List<(string StorageKey, string Name)> content)
    {
        var status = ns["status"] as JsonObject ?? new JsonObject();
        ns["status"] = status;
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = conditions;
        var now = Timestamps.Format(_time.GetUtcNow());
        var nsName = ObjectMetadata.Name(ns);
        var byResource = content
            .GroupBy(c => c.StorageKey, StringComparer.Ordinal)
            .Select(g => (Resource: QualifiedResource(g.Key), Count: g.Count(), Finalizers: g.SelectMany(c => _store.Get(g.Key, nsName, c.Name) is { } o ? ObjectMetadata.Finalizers(o) : []).ToList()))
            .OrderBy(r => r.Resource, StringComparer.Ordinal)
            .ToList();
        if (byResource.Count == 0)
        {
            SetCondition(conditions, "NamespaceContentRemaining", "False", "ContentRemoved", "All content successfully removed", now);
        }
        else
        {
            SetCondition(conditions, "NamespaceContentRemaining", "True", "SomeResourcesRemain",
                "Some resources are remaining: " + string.Join(", ", byResource.Select(r => $"{r.Resource} has {r.Count} resource instances")), now);
        }

        var finalizerCounts = byResource.SelectMany(r => r.Finalizers)
            .GroupBy(f => f, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} in {g.Count()} resource instances")
            .ToList();
        if (finalizerCounts.Count == 0)
        {
            SetCondition(conditions, "NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished", now);
        }
        else
        {
            SetCondition(conditions, "NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
                "Some content in the namespace has finalizers remaining: " + string.Join(", ", finalizerCounts), now);
        }
    }

    private static string QualifiedResource(string storageKey)
    {
        var slash = storageKey.IndexOf('/', StringComparison.Ordinal);
        var group = storageKey[..slash];
        var plural = storageKey[(slash + 1)..];
        return group.Length == 0 ? plural : $"{plural}.{group}";
    }
}
