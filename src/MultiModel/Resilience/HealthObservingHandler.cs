using System.Globalization;
using MultiModel.Internal;
using Polly;
using Polly.Timeout;

namespace MultiModel.Resilience;

/// <summary>
/// Sits outside a provider's resilience handler (MultiModel's or the standard one): a transient answer whose server
/// delay exceeds the retry cap starts a cooldown, and the pipeline's refusals become the exceptions HTTP callers
/// expect (<see cref="TimeoutException"/> for a timed-out try, <see cref="HttpRequestException"/> for an open circuit).
/// </summary>
/// <remarks>It retries nothing, breaks nothing and times nothing out: the resilience handler inside it does.</remarks>
internal sealed class HealthObservingHandler : DelegatingHandler
{
    private readonly string _providerName;
    private readonly ProviderHealthReporter _reporter;
    private readonly Func<TimeSpan> _maxRetryAfter;

    public HealthObservingHandler(string providerName, ProviderHealthReporter reporter, Func<TimeSpan> maxRetryAfter)
    {
        _providerName = providerName;
        _reporter = reporter;
        _maxRetryAfter = maxRetryAfter;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"{_providerName}: no response within the try timeout of {ex.Timeout.TotalSeconds:0.###} s."),
                ex);
        }
        catch (ExecutionRejectedException ex)
        {
            throw new HttpRequestException(
                $"{_providerName}: the resilience pipeline refused the call without contacting the provider ({ex.GetType().Name}; the circuit is open or a limit is reached).",
                ex);
        }

        if (TransientStatus.Contains((int)response.StatusCode)
            && RetryAfterParser.Parse(response.Headers, _reporter.TimeProvider.GetUtcNow()) is { } delay
            && delay > _maxRetryAfter())
        {
            // Too long to sleep: the answer goes back now and failover chains skip this provider until then.
            _reporter.ServerAskedToWait(_providerName, delay);
        }

        return response;
    }
}
