using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Storage;

/// <summary>
/// One change at one revision, as a watch delivers it: ADDED, MODIFIED or DELETED with the object then.
/// A MODIFIED event keeps the object before the change too, so a filtered watch can tell an object
/// entering or leaving its selector.
/// </summary>
public sealed record StoredEvent(long Revision, string StorageKey, string Namespace, string Type, JsonObject Object, JsonObject? Previous = null);
