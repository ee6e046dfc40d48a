using System.Net;
using k8s.Autorest;

namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// The scenario's people talk to the API server with a plain KubernetesClient, which retries nothing. Under
/// <c>--faults kube.error-rate=...</c> a request may be answered 500 or 429 before the server acts on it; the
/// scenario says so and sends it again, as a person re-running kubectl would. Anything else (403, 404, 409,
/// 422) is an answer and goes back to the step.
/// </summary>
public static class KubeRetry
{
    public static async Task<T> RunAsync<T>(ScenarioTimeline timeline, string who, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(call);
        while (true)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                timeline.Kube($"{who}: {Describe(e)}; sending it again");
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static Task RunAsync(ScenarioTimeline timeline, string who, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(timeline, who, async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>An answer that says nothing about the request: the server failed or asked to come back later.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.TooManyRequests } => true,
        HttpOperationException { Response.StatusCode: >= HttpStatusCode.InternalServerError } => true,
        HttpRequestException or IOException => true,
        _ => false,
    };

    public static string Describe(Exception exception) => exception switch
    {
        HttpOperationException e => $"{(int)e.Response.StatusCode} {e.Response.StatusCode} from the API server",
        _ => exception.Message,
    };
}
