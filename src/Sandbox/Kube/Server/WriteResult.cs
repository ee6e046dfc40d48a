using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>What a write answers: the HTTP code, the body, and any warnings (sent as <c>Warning: 299</c> headers).</summary>
public sealed record WriteResult(int StatusCode, JsonObject Body, IReadOnlyList<string> Warnings);
