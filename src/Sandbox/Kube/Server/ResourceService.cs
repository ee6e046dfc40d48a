using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Patching;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Selectors;
using IrOperator.Sandbox.Kube.Storage;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// The API server's registry logic for every resource: create (generateName), get, list (selectors,
/// limit/continue), update with optimistic concurrency, merge and JSON patch, delete with finalizers,
/// the status subresource, generation on spec change only, schema pruning/defaulting/validation of
/// custom resources, admission. HTTP-free: the handler parses requests and calls this.
/// </summary>
public sealed class ResourceService
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int PatchAttempts = 5;

    /// <summary>The patch types the server accepts for built-in kinds and for custom resources (no strategic merge: no patch strategy metadata).</summary>
    private static readonly string[] BuiltInPatchTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];

    private static readonly string[] CustomPatchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

    private readonly ObjectStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly Func<IReadOnlyList<IAdmissionCheck>> _admission;
    private readonly NamespaceLifecycle _lifecycle;

    public ResourceService(ObjectStore store, ResourceCatalog catalog, TimeProvider time, Func<IReadOnlyList<IAdmissionCheck>> admission)
    {
        _store = store;
        _catalog = catalog;
        _time = time;
        _admission = admission;
        _lifecycle = new NamespaceLifecycle(store, catalog, time);
    }

    public JsonObject Get(ResourceType type, string ns, string name) =>
        Versioned(type, _store.Get(type.StorageKey, ns, name) ?? throw StatusObjects.NotFound(type, name));

    /// <summary>
    /// A page of the list: items after the continue token's key, at most <paramref name="limit"/>. Every page
    /// is read at the first page's revision (the token carries it), so a paged list is one consistent
    /// snapshot; once that revision is compacted out of the history the token is expired (410), as on etcd.
    /// </summary>
    public (List<JsonObject> Items, long Revision, string? Continue, long Remaining) List(
        ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, int limit, string? continueToken)
    {
        var (after, atRevision) = string.IsNullOrEmpty(continueToken) ? (null, 0) : ContinueTokens.Decode(continueToken);
        var page = _store.List(type.StorageKey, ns, o => labels.Matches(o) && fields.Matches(o), after, limit, Math.Max(0, atRevision))
            ?? throw StatusObjects.ContinueExpired(ContinueTokens.Encode(after!, ContinueTokens.Inconsistent));
        var (items, remaining, revision) = page;

        // An inconsistent remainder keeps handing out inconsistent tokens; its pages report the live revision.
        var next = remaining > 0 ? ContinueTokens.Encode(Key(items[^1]), atRevision == ContinueTokens.Inconsistent ? ContinueTokens.Inconsistent : revision) : null;
        return (items.Select(o => Versioned(type, o)).ToList(), revision, next, remaining);
    }

    public WriteResult Create(ResourceType type, string ns, JsonObject obj, WriteOptions options, KubeUser user)
    {
        CheckKind(type, obj);
        obj = EventConversion.ToStored(type, obj);
        var metadata = ObjectMetadata.Of(obj);
        ns = PlaceInNamespace(type, ns, metadata);
        var generateName = ObjectMetadata.Text(metadata["generateName"]);
        var name = ObjectMetadata.Text(metadata["name"]);
        if (name.Length == 0 && generateName.Length == 0)
        {
            throw StatusObjects.Invalid(type, "", "metadata.name", "FieldValueRequired", "Required value: name or generateName is required");
        }

        if (type.Namespaced && !_store.NamespaceExists(ns))
        {
            throw StatusObjects.NotFound($"namespaces \"{ns}\" not found");
        }

        if (type.Namespaced && _lifecycle.IsNamespaceTerminating(ns))
        {
            throw NamespaceLifecycle.NamespaceTerminating(type, name, ns);
        }

        if (_lifecycle.IsCrdTerminating(type))
        {
            throw NamespaceLifecycle.CrdTerminating(type, "create");
        }

        foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink" })
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Timestamps.Format(_time.GetUtcNow());
        metadata["generation"] = 1L;
        if (type.HasStatus)
        {
            // The status subresource owns status: a create never sets it.
            obj.Remove("status");
        }

        IReadOnlyList<ResourceType>? crdTypes = null;
        if (IsCrd(type))
        {
            crdTypes = CustomResourceDefinitions.Compile(obj);
            CustomResourceDefinitions.Establish(obj, _time.GetUtcNow());
        }
        else if (type is { Group: "", Plural: "namespaces" })
        {
            obj["status"] = new JsonObject { ["phase"] = "Active" };
            // The namespace controller's finalizer: it holds a deleted namespace until its content is gone.
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray(NamespaceLifecycle.NamespaceFinalizer) };
        }
        else if (type is { Group: "", Plural: "secrets" } && ObjectMetadata.Text(obj["type"]).Length == 0)
        {
            obj["type"] = "Opaque";
        }

        var warnings = ApplySchema(type, obj, null, options, name.Length == 0 ? generateName : name);
        var generated = name.Length == 0;
        for (var attempt = 0; ; attempt++)
        {
            if (generated)
            {
                metadata["name"] = generateName + RandomSuffix();
            }

            name = ObjectMetadata.Text(metadata["name"]);
            ObjectMetadata.ValidateName(type, name);
            Admit("CREATE", type, ns, name, null, obj, null, options, user);
            if (options.DryRun)
            {
                return new WriteResult(201, Versioned(type, obj), warnings);
            }

            if (_store.TryCreate(type.StorageKey, ns, name, (JsonObject)obj.DeepClone()) == WriteOutcome.Written)
            {
                break;
            }

            // A generated name that collides is retried, as the server does; a chosen one is refused.
            if (!generated || attempt >= 8)
            {
                var conflict = StatusObjects.AlreadyExists(type, name);
                if (_store.Get(type.StorageKey, ns, name) is { } existing && ObjectMetadata.IsDeleting(existing))
                {
                    // The server says why the name is still taken (a Terminating namespace, a finalized object).
                    conflict.Status["message"] = $"object is being deleted: {conflict.Status["message"]!.GetValue<string>()}";
                }

                throw conflict;
            }
        }

        var stored = _store.Get(type.StorageKey, ns, name)!;
        if (crdTypes is not null)
        {
            _catalog.SetCrd(name, stored, crdTypes);
        }

        // A namespace that began terminating between our check and our write takes the object with it.
        _lifecycle.ObjectCreated(type, ns, name);
        return new WriteResult(201, Versioned(type, stored), warnings);
    }

    /// <summary>PUT: replace the object (or only its status with <paramref name="subresource"/> "status").</summary>
    public WriteResult Update(ResourceType type, string ns, string name, JsonObject obj, string? subresource, WriteOptions options, KubeUser user) =>
        Update(type, ns, name, obj, subresource, options, user, isPatch: false);

    private WriteResult Update(ResourceType type, string ns, string name, JsonObject obj, string? subresource, WriteOptions options, KubeUser user, bool isPatch)
    {
        CheckKind(type, obj);
        obj = EventConversion.ToStored(type, obj);
        var current = _store.Get(type.StorageKey, ns, name) ?? throw StatusObjects.NotFound(type, name);
        var metadata = ObjectMetadata.Of(obj);
        var bodyName = ObjectMetadata.Text(metadata["name"]);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw StatusObjects.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        PlaceInNamespace(type, ns, metadata);
        var currentRevision = ObjectStore.ParseResourceVersion(current);
        var requested = ObjectMetadata.ResourceVersion(obj);
        if (requested.Length == 0)
        {
            // Built-in kinds allow unconditional updates; custom resources do not.
            if (type.IsCustom)
            {
                throw StatusObjects.Invalid(type, name, "metadata.resourceVersion", "FieldValueInvalid", "Invalid value: 0x0: must be specified for an update");
            }
        }
        else if (requested != currentRevision.ToString(CultureInfo.InvariantCulture))
        {
            throw StatusObjects.ModifiedConflict(type, name);
        }

        CheckUid(type, ns, name, current, obj, isPatch);
        var next = subresource switch
        {
            "status" => WithStatusOf(current, obj),
            "finalize" => WithSpecFinalizersOf(current, obj),
            _ => WithoutStatusChange(type, current, obj),
        };
        if (IsNamespace(type) && subresource != "finalize")
        {
            // Only /finalize changes a namespace's spec.finalizers.
            next["spec"] = current["spec"]?.DeepClone();
        }

        ObjectMetadata.CopySystemFields(current, next);
        RefuseNewFinalizersWhileDeleting(type, name, current, next);

        IReadOnlyList<ResourceType>? crdTypes = null;
        if (IsCrd(type) && subresource != "status")
        {
            crdTypes = CustomResourceDefinitions.Compile(next);
        }

        var warnings = ApplySchema(type, next, current, options, name);
        if (SpecChanged(type, current, next))
        {
            ObjectMetadata.Of(next)["generation"] = (current["metadata"]?["generation"]?.GetValue<long>() ?? 0) + 1;
        }

        ObjectMetadata.Of(next)["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(next, current))
        {
            // A no-op update is not a write: no new resourceVersion, no watch event.
            return new WriteResult(200, Versioned(type, current), warnings);
        }

        Admit("UPDATE", type, ns, name, subresource, next, current, options, user);
        if (options.DryRun)
        {
            return new WriteResult(200, Versioned(type, next), warnings);
        }

        // A namespace finishes through its lifecycle (it also waits for spec.finalizers and its content).
        var finishesDeletion = ObjectMetadata.IsDeleting(next) && ObjectMetadata.Finalizers(next).Count == 0 && !IsNamespace(type);
        var outcome = finishesDeletion
            ? _store.TryDelete(type.StorageKey, ns, name, currentRevision, next)
            : _store.TryReplace(type.StorageKey, ns, name, currentRevision, next);
        ThrowUnlessWritten(outcome, type, name);
        if (finishesDeletion)
        {
            AfterDelete(type, name);
            _lifecycle.ObjectRemoved(type, ns);
            return new WriteResult(200, Versioned(type, next), warnings);
        }

        if (IsNamespace(type) && ObjectMetadata.IsDeleting(next))
        {
            _lifecycle.FinishNamespace(name);
        }

        var stored = _store.Get(type.StorageKey, ns, name) ?? next;
        if (crdTypes is not null)
        {
            _catalog.SetCrd(name, stored, crdTypes);
        }

        return new WriteResult(200, Versioned(type, stored), warnings);
    }

    /// <summary>
    /// PATCH: merge patch, JSON patch, or strategic merge patch (built-in kinds only, served as a merge
    /// patch; a custom resource answers 415 as the server does). A patch that
    /// carries a resourceVersion is an optimistic lock; one that does not is retried on a concurrent
    /// write, as the server does.
    /// </summary>
    public WriteResult Patch(ResourceType type, string ns, string name, string contentType, string body, string? subresource, WriteOptions options, KubeUser user)
    {
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var accepted = type.IsCustom ? CustomPatchTypes : BuiltInPatchTypes;
        if (!accepted.Contains(media, StringComparer.Ordinal))
        {
            throw new KubeApiException(StatusObjects.Failure(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}"));
        }

        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw StatusObjects.BadRequest($"error decoding patch: {e.Message}");
        }

        for (var attempt = 1; ; attempt++)
        {
            // The patch is written against the shape the client sees.
            var current = Versioned(type, _store.Get(type.StorageKey, ns, name) ?? throw StatusObjects.NotFound(type, name));
            JsonNode patched;
            try
            {
                patched = media switch
                {
                    "application/merge-patch+json" or "application/strategic-merge-patch+json" =>
                        JsonMergePatch.Apply(current, patch ?? throw StatusObjects.BadRequest("empty patch")) ?? new JsonObject(),
                    "application/json-patch+json" =>
                        JsonPatch.Apply(current, patch as JsonArray ?? throw StatusObjects.BadRequest("json patch must be an array of operations")),
                    _ => throw StatusObjects.UnsupportedMediaType(contentType),
                };
            }
            catch (JsonPatchException e)
            {
                throw new KubeApiException(StatusObjects.Failure(422, "Invalid", $"the server rejected our request due to an error in our request: {e.Message}"));
            }

            if (patched is not JsonObject patchedObject)
            {
                throw StatusObjects.BadRequest("the patch must leave an object");
            }

            if (ObjectMetadata.ResourceVersion(patchedObject) != ObjectMetadata.ResourceVersion(current))
            {
                throw StatusObjects.ModifiedConflict(type, name);
            }

            try
            {
                return Update(type, ns, name, patchedObject, subresource, options, user, isPatch: true);
            }
            catch (KubeApiException e) when (e.Code == 409 && attempt < PatchAttempts)
            {
                // Someone wrote between our read and our write: re-apply the patch to the new object.
            }
        }
    }

    /// <summary>
    /// DELETE: marks an object with finalizers as deleting; removes one without. A namespace or a CRD is
    /// marked Terminating and its content deleted first (<see cref="NamespaceLifecycle"/>).
    /// </summary>
    public WriteResult Delete(ResourceType type, string ns, string name, DeleteRequest request, KubeUser user)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = _store.Get(type.StorageKey, ns, name) ?? throw StatusObjects.NotFound(type, name);
        var uid = ObjectMetadata.Text(current["metadata"]?["uid"]);
        CheckPreconditions(type, name, current, uid, request.Preconditions);
        var revision = ObjectStore.ParseResourceVersion(current);
        Admit("DELETE", type, ns, name, null, null, current, new WriteOptions("Warn", request.DryRun) { Effects = request.Effects }, user);
        if (IsNamespace(type))
        {
            return DeleteNamespace(type, name, current, revision, request);
        }

        if (IsCrd(type) && !ObjectMetadata.IsDeleting(current))
        {
            // The CRD stays, Terminating, until its instances are gone.
            var markedCrd = _lifecycle.MarkCrd(current);
            if (request.DryRun)
            {
                return new WriteResult(200, Versioned(type, markedCrd), []);
            }

            ThrowUnlessWritten(_store.TryReplace(type.StorageKey, ns, name, revision, markedCrd), type, name);
            _lifecycle.SweepCrd(name);
            return new WriteResult(200, Versioned(type, _store.Get(type.StorageKey, ns, name) ?? markedCrd), []);
        }

        if (ObjectMetadata.Finalizers(current).Count > 0)
        {
            if (ObjectMetadata.IsDeleting(current) || request.DryRun)
            {
                return new WriteResult(200, Versioned(type, request.DryRun ? ObjectMetadata.MarkedForDeletion(current, _time.GetUtcNow()) : current), []);
            }

            // Finalizers hold the object: it stays, marked, until its controllers remove them.
            var marked = ObjectMetadata.MarkedForDeletion(current, _time.GetUtcNow());
            ThrowUnlessWritten(_store.TryReplace(type.StorageKey, ns, name, revision, marked), type, name);
            return new WriteResult(200, Versioned(type, _store.Get(type.StorageKey, ns, name) ?? marked), []);
        }

        if (!request.DryRun)
        {
            ThrowUnlessWritten(_store.TryDelete(type.StorageKey, ns, name, revision, current), type, name);
            AfterDelete(type, name);
            _lifecycle.ObjectRemoved(type, ns);
        }

        // Custom resources answer with the deleted object; built-ins with a Success Status.
        return type.IsCustom || IsCrd(type)
            ? new WriteResult(200, Versioned(type, current), [])
            : new WriteResult(200, StatusObjects.Success(type, name, uid), []);
    }

    private static bool IsNamespace(ResourceType type) => type is { Group: "", Plural: "namespaces" };

    /// <summary>The namespace registry's delete: the first marks it Terminating; later ones are refused until it is finalized.</summary>
    private WriteResult DeleteNamespace(ResourceType type, string name, JsonObject current, long revision, DeleteRequest request)
    {
        if (!ObjectMetadata.IsDeleting(current))
        {
            var marked = _lifecycle.MarkNamespace(current);
            if (request.DryRun)
            {
                return new WriteResult(200, Versioned(type, marked), []);
            }

            ThrowUnlessWritten(_store.TryReplace(type.StorageKey, "", name, revision, marked), type, name);
            var answer = _store.Get(type.StorageKey, "", name) ?? marked;
            _lifecycle.SweepNamespace(name);
            return new WriteResult(200, Versioned(type, answer), []);
        }

        if (NamespaceLifecycle.SpecFinalizers(current).Count > 0)
        {
            throw StatusObjects.Conflict(type, name, "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.");
        }

        return new WriteResult(200, Versioned(type, current), []);
    }

    private static bool IsCrd(ResourceType type) => type is { Group: CustomResourceDefinitions.Group, Plural: CustomResourceDefinitions.Plural };

    private static string Key(JsonObject obj) =>
        $"{ObjectMetadata.Text(obj["metadata"]?["namespace"])}/{ObjectMetadata.Name(obj)}";

    private static string RandomSuffix()
    {
        var builder = new StringBuilder(5);
        for (var i = 0; i < 5; i++)
        {
            builder.Append(GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>Objects are stored version-less; each response carries the version asked for.</summary>
    private static JsonObject Versioned(ResourceType type, JsonObject obj)
    {
        obj = EventConversion.FromStored(type, obj);
        var result = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var (key, value) in obj)
        {
            if (key is not ("apiVersion" or "kind"))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static void CheckKind(ResourceType type, JsonObject obj)
    {
        var apiVersion = ObjectMetadata.Text(obj["apiVersion"]);
        var kind = ObjectMetadata.Text(obj["kind"]);
        if ((apiVersion.Length > 0 && apiVersion != type.ApiVersion) || (kind.Length > 0 && kind != type.Kind))
        {
            throw StatusObjects.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion}), or the kind ({kind}) is not {type.Kind}");
        }

        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }

    private static string PlaceInNamespace(ResourceType type, string ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return "";
        }

        var bodyNamespace = ObjectMetadata.Text(metadata["namespace"]);
        if (bodyNamespace.Length > 0 && bodyNamespace != ns)
        {
            throw StatusObjects.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
        return ns;
    }

    /// <summary>The status subresource changes status only: everything else comes from the stored object.</summary>
    private static JsonObject WithStatusOf(JsonObject current, JsonObject requested) =>
        CopyStatus(from: requested, to: (JsonObject)current.DeepClone());

    /// <summary>A namespace's /finalize changes <c>spec.finalizers</c> only.</summary>
    private static JsonObject WithSpecFinalizersOf(JsonObject current, JsonObject requested)
    {
        var next = (JsonObject)current.DeepClone();
        next["spec"] = new JsonObject { ["finalizers"] = requested["spec"]?["finalizers"]?.DeepClone() ?? new JsonArray() };
        return next;
    }

    /// <summary>With a status subresource, the main resource cannot change status.</summary>
    private static JsonObject WithoutStatusChange(ResourceType type, JsonObject current, JsonObject requested)
    {
        var next = (JsonObject)requested.DeepClone();
        return type.HasStatus ? CopyStatus(from: current, to: next) : next;
    }

    private static JsonObject CopyStatus(JsonObject from, JsonObject to)
    {
        if (from["status"] is { } status)
        {
            to["status"] = status.DeepClone();
        }
        else
        {
            to.Remove("status");
        }

        return to;
    }

    /// <summary>Generation counts changes to anything but metadata (and status when it is a subresource).</summary>
    private static bool SpecChanged(ResourceType type, JsonObject current, JsonObject next)
    {
        static JsonObject Content(JsonObject obj, bool withoutStatus)
        {
            var copy = (JsonObject)obj.DeepClone();
            copy.Remove("metadata");
            if (withoutStatus)
            {
                copy.Remove("status");
            }

            return copy;
        }

        return !JsonNode.DeepEquals(Content(current, type.HasStatus), Content(next, type.HasStatus));
    }

    private static void RefuseNewFinalizersWhileDeleting(ResourceType type, string name, JsonObject current, JsonObject next)
    {
        if (!ObjectMetadata.IsDeleting(current))
        {
            return;
        }

        var added = ObjectMetadata.Finalizers(next).Except(ObjectMetadata.Finalizers(current), StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            throw StatusObjects.Invalid(type, name, "metadata.finalizers", "FieldValueForbidden",
                $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(f => $"\"{f}\""))}}}");
        }
    }

    /// <summary>
    /// A uid in a PUT's body is a precondition (the server's 409 storage error); a patch that changes it
    /// fails ObjectMeta's update validation (422, immutable). creationTimestamp changes are dropped silently.
    /// </summary>
    private static void CheckUid(ResourceType type, string ns, string name, JsonObject current, JsonObject requested, bool isPatch)
    {
        var wanted = ObjectMetadata.Text(requested["metadata"]?["uid"]);
        var actual = ObjectMetadata.Text(current["metadata"]?["uid"]);
        if (wanted.Length == 0 || wanted == actual)
        {
            return;
        }

        if (isPatch)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid(type.Group, type.Kind, name, [FieldError.Invalid("metadata.uid", wanted, "field is immutable")]));
        }

        var key = "/registry/" + (type.IsCustom || IsCrd(type) ? type.Group + "/" : "") + type.Plural + "/" + (ns.Length > 0 ? ns + "/" : "") + name;
        throw StatusObjects.Conflict(type, name,
            $"StorageError: invalid object, Code: 4, Key: {key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: {wanted}, UID in object meta: {actual}");
    }

    private static void CheckPreconditions(ResourceType type, string name, JsonObject current, string uid, JsonObject? preconditions)
    {
        var wantUid = ObjectMetadata.Text(preconditions?["uid"]);
        if (wantUid.Length > 0 && wantUid != uid)
        {
            throw StatusObjects.Conflict(type, name, $"Precondition failed: UID in precondition: {wantUid}, UID in object meta: {uid}");
        }

        var wantVersion = ObjectMetadata.Text(preconditions?["resourceVersion"]);
        var version = ObjectMetadata.ResourceVersion(current);
        if (wantVersion.Length > 0 && wantVersion != version)
        {
            throw StatusObjects.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {wantVersion}, ResourceVersion in object meta: {version}");
        }
    }

    private static void ThrowUnlessWritten(WriteOutcome outcome, ResourceType type, string name)
    {
        switch (outcome)
        {
            case WriteOutcome.NotFound:
                throw StatusObjects.NotFound(type, name);
            case WriteOutcome.ResourceVersionMismatch:
                throw StatusObjects.ModifiedConflict(type, name);
            case WriteOutcome.AlreadyExists:
                throw StatusObjects.AlreadyExists(type, name);
        }
    }

    /// <summary>
    /// Prune, default, validate (the apiextensions order); unknown fields (of metadata, on every kind, and
    /// of the schema) per fieldValidation; metadata rules on every kind.
    /// </summary>
    private static List<string> ApplySchema(ResourceType type, JsonObject obj, JsonObject? old, WriteOptions options, string name)
    {
        var warnings = new List<string>();
        var unknown = MetadataValidation.PruneUnknownFields(obj);
        if (type.Schema is not null)
        {
            unknown.AddRange(type.Schema.Prune(obj));
        }

        if (unknown.Count > 0 && options.FieldValidation == "Strict")
        {
            throw new KubeApiException(UnknownFields.StrictDecodingStatus(type.Kind, type.Version, unknown));
        }

        if (options.FieldValidation != "Ignore")
        {
            warnings.AddRange(unknown.Select(UnknownFields.Message));
        }

        var errors = MetadataValidation.Validate(type, ObjectMetadata.Of(obj));
        if (type.Schema is not null)
        {
            type.Schema.ApplyDefaults(obj);
            errors.AddRange(type.Schema.Validate(obj, old));
        }

        if (errors.Count > 0)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid(type.Group, type.Kind, name, errors));
        }

        return warnings;
    }

    private void AfterDelete(ResourceType type, string name)
    {
        if (IsCrd(type))
        {
            var plural = name.Split('.', 2)[0];
            var group = name.Contains('.', StringComparison.Ordinal) ? name.Split('.', 2)[1] : "";
            _catalog.RemoveCrd(name);
            _store.DropAll($"{group}/{plural}");
        }
    }

    private void Admit(string operation, ResourceType type, string ns, string name, string? subresource, JsonObject? obj, JsonObject? old, WriteOptions options, KubeUser user)
    {
        var effects = options.Effects ?? new AdmissionEffects();
        foreach (var check in _admission())
        {
            check.Admit(new AdmissionRequest(operation, type, ns, name, subresource, obj, old, user) { DryRun = options.DryRun, Effects = effects });
        }
    }
}
