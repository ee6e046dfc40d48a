namespace IrOperator.Kube;

/// <summary>
/// What a reconcile asks of the runtime next. Level-based: the runtime never replays events, it only
/// decides when the key is looked at again.
/// </summary>
public abstract record ReconcileResult
{
    private ReconcileResult()
    {
    }

    /// <summary>The object is where it should be; wait for the next change.</summary>
    public static ReconcileResult Done { get; } = new DoneResult();

    /// <summary>Look again at a known time (expiry and other scheduled work).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new RequeueAfterResult(delay);

    /// <summary>A transient failure: retry with exponential backoff.</summary>
    public static ReconcileResult Retry(Exception error) => new RetryResult(error);

    /// <summary>A failure retrying cannot fix (bad input); wait for the object to change.</summary>
    public static ReconcileResult Terminal(string reason) => new TerminalResult(reason);

    /// <summary>The label used for the `result` tag of the reconcile metrics.</summary>
    public abstract string Label { get; }

    public sealed record DoneResult : ReconcileResult
    {
        public override string Label => "done";
    }

    public sealed record RequeueAfterResult(TimeSpan Delay) : ReconcileResult
    {
        public override string Label => "requeue_after";
    }

    public sealed record RetryResult(Exception Error) : ReconcileResult
    {
        public override string Label => "retry";
    }

    public sealed record TerminalResult(string Reason) : ReconcileResult
    {
        public override string Label => "terminal";
    }
}
