using System.Globalization;

namespace MultiModel.Resilience;

/// <summary>
/// One provider's rate budget in this process: requests and tokens counted in one-second slots over the last 60
/// seconds, reserved when a call starts and corrected with the reported usage when it ends.
/// </summary>
/// <remarks>
/// A reservation counts in the slot of the second it was made in, for 60 seconds; a correction changes that slot while
/// it is still counted (later, the reservation has left the window anyway). Thread-safe: one lock per provider.
/// </remarks>
internal sealed class ProcessRateBudget
{
    private const int WindowSeconds = 60;

    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Window? _requests;
    private readonly Window? _tokens;

    public ProcessRateBudget(ProviderRateLimitOptions limits, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _requests = limits.RequestsPerMinute is { } requests ? new Window(requests) : null;
        _tokens = limits.TokensPerMinute is { } tokens ? new Window(tokens) : null;
    }

    /// <summary>Reserves one request and the call's tokens.</summary>
    public RateBudgetReservation Reserve(RateBudgetRequest request)
    {
        var tokens = _tokens is null ? 0 : request.EstimateTokens();
        var second = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (_requests is { } requests && !requests.Fits(second, 1))
            {
                return RateBudgetReservation.Refused(RateBudgetKind.Requests, fleetWide: false, Invariant($"rate budget: {requests.Limit} requests per minute"));
            }

            if (_tokens is { } window && !window.Fits(second, tokens))
            {
                return RateBudgetReservation.Refused(RateBudgetKind.Tokens, fleetWide: false, Invariant($"rate budget: ~{tokens} tokens would exceed {window.Limit} tokens per minute"));
            }

            _requests?.Add(second, 1);
            _tokens?.Add(second, tokens);
        }

        return RateBudgetReservation.Reserved(this, tokens, second);
    }

    /// <summary>Tells whether one request and the call's tokens would fit, reserving nothing (and building no refusal).</summary>
    public bool Fits(RateBudgetRequest request)
    {
        var tokens = _tokens is null ? 0 : request.EstimateTokens();
        var second = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            return (_requests is null || _requests.Fits(second, 1)) && (_tokens is null || _tokens.Fits(second, tokens));
        }
    }

    /// <summary>Corrects a reservation's tokens with the usage the provider reported.</summary>
    public void Settle(RateBudgetReservation reservation, ChatUsage? usage)
    {
        if (_tokens is null || usage is null)
        {
            return;
        }

        lock (_gate)
        {
            _tokens.Add(reservation.Stamp, usage.TotalTokens - reservation.Tokens);
        }
    }

    /// <summary>Tells whether this budget has the same limits as <paramref name="limits"/>.</summary>
    public bool Matches(ProviderRateLimitOptions limits) =>
        _requests?.Limit == limits.RequestsPerMinute && _tokens?.Limit == limits.TokensPerMinute;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Amounts in one-second slots of a ring as long as the window.</summary>
    private sealed class Window(int limit)
    {
        private readonly long[] _seconds = new long[WindowSeconds];
        private readonly long[] _amounts = new long[WindowSeconds];

        public int Limit { get; } = limit;

        public bool Fits(long second, long amount)
        {
            var sum = 0L;
            for (var i = 0; i < WindowSeconds; i++)
            {
                sum += _seconds[i] > second - WindowSeconds && _seconds[i] <= second ? _amounts[i] : 0;
            }

            return sum + amount <= Limit;
        }

        /// <summary>Adds an amount (negative to give back) to a second's slot; a second no longer in the ring changes nothing.</summary>
        public void Add(long second, long amount)
        {
            var slot = (int)(second % WindowSeconds);
            if (_seconds[slot] != second)
            {
                if (_seconds[slot] > second)
                {
                    return; // the slot already counts a later second: that reservation has left the window
                }

                (_seconds[slot], _amounts[slot]) = (second, 0);
            }

            _amounts[slot] = Math.Max(0, _amounts[slot] + amount);
        }
    }
}
