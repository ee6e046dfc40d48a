using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Storage;

/// <summary>
/// One change at one revision, as a watch delivers it: ADDED, MODIFIED or DELETED with the object then.
/// A MODIFIED or DELETED event keeps the object before the change too, so a filtered watch can tell an
/// object entering or leaving its selector, and a paged list can read the state before the change.
/// </summary>
public sealed record StoredEvent(long Revision, string StorageKey, string Namespace, string Type, JsonObject Object, JsonObject? Previous = null);
