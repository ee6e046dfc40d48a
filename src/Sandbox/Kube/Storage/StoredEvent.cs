using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Storage;

/// <summary>One change at one revision, as a watch delivers it: ADDED, MODIFIED or DELETED with the object then.</summary>
public sealed record StoredEvent(long Revision, string StorageKey, string Namespace, string Type, JsonObject Object);
