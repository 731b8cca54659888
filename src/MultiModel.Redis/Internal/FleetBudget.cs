using System.Globalization;
using MultiModel.Resilience;

namespace MultiModel.Redis.Internal;

/// <summary>
/// One provider's rate budget shared by the fleet: each limit (requests, tokens) is spent from a local allowance that
/// this replica leases from Redis in the background, so a call never waits on the network.
/// </summary>
/// <remarks>
/// <para>
/// A lease is a part of the limit granted by an atomic script; it may be spent for <see cref="LeasedAllowance.Life"/> after it
/// was asked for, and counts in Redis for 60 seconds after that, so what the fleet spends in any 60 seconds never exceeds
/// the limit. Leases are renewed before they run low or expire, giving back what was not spent. The cost: a replica may
/// refuse a call while another still holds unspent allowance (each holds at most a tenth of the limit, or one call's
/// worth when idle).
/// </para>
/// <para>
/// Token corrections: a call that used more than it reserved takes the difference from the allowance (a debt the next
/// lease pays first); one that used less gives the difference back if its lease is still the current one.
/// </para>
/// </remarks>
internal sealed class FleetBudget
{
    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<long, long> _refunds = [];

    public FleetBudget(string providerName, string identity, ProviderRateLimitOptions limits, TimeSpan leaseLife, TimeProvider timeProvider)
    {
        ProviderName = providerName;
        Identity = identity;
        _timeProvider = timeProvider;
        Requests = limits.RequestsPerMinute is { } requests ? new LeasedAllowance("requests", requests, leaseLife) : null;
        Tokens = limits.TokensPerMinute is { } tokens ? new LeasedAllowance("tokens", tokens, leaseLife) : null;
        Allowances = [.. new[] { Requests, Tokens }.OfType<LeasedAllowance>()];
    }

    public string ProviderName { get; }

    public string Identity { get; }

    public LeasedAllowance? Requests { get; }

    public LeasedAllowance? Tokens { get; }

    /// <summary>Gets the limits set: requests, tokens, or both.</summary>
    public IReadOnlyList<LeasedAllowance> Allowances { get; }

    /// <summary>Tells whether this budget is the one for a provider identity and limits, to keep it (and what it leased) across a configuration reload.</summary>
    public bool Matches(string identity, ProviderRateLimitOptions limits) =>
        Identity == identity && Requests?.Limit == limits.RequestsPerMinute && Tokens?.Limit == limits.TokensPerMinute;

    /// <summary>Gets a value indicating whether Redis answered a lease request for every limit (a first call then finds its allowance).</summary>
    public bool HasLeased
    {
        get
        {
            lock (_gate)
            {
                return Allowances.All(static allowance => allowance.Leases > 0);
            }
        }
    }

    /// <summary>Spends (or only checks) one request and the call's tokens from the leased allowance.</summary>
    /// <returns>A granted reservation, or the allowance that refused.</returns>
    public (RateBudgetReservation Reservation, LeasedAllowance? Refused) Reserve(RateBudgetRequest request, bool reserve)
    {
        var tokens = Tokens is null ? 0 : request.EstimateTokens();
        var now = _timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (Requests is { } requests && requests.Available(now) < 1)
            {
                requests.Refused = true;
                return (Refusal(requests, 1), requests);
            }

            if (Tokens is { } window)
            {
                window.LargestDemand = Math.Max(window.LargestDemand, tokens);
                if (window.Available(now) < tokens)
                {
                    window.Refused = true;
                    return (Refusal(window, tokens), window);
                }
            }

            if (reserve)
            {
                Requests?.Spend(1);
                Tokens?.Spend(tokens);
            }

            return (RateBudgetReservation.Reserved(this, tokens, Tokens?.LeaseSequence ?? 0), null);
        }
    }

    /// <summary>
    /// Corrects a reservation with the tokens the call used: a debt is taken from the current allowance; a refund goes
    /// back to the allowance when its lease is still the current one, else it is kept for Redis (the lease was given
    /// back already, counting the whole reservation).
    /// </summary>
    /// <returns><see langword="true"/> when refunds for given-back leases start waiting (the caller queues a write for them).</returns>
    public bool Settle(RateBudgetReservation reservation, ChatUsage? usage)
    {
        if (Tokens is not { } window || usage is null)
        {
            return false;
        }

        lock (_gate)
        {
            var unused = reservation.Tokens - usage.TotalTokens;
            if (unused < 0 || reservation.Stamp == window.LeaseSequence)
            {
                window.Remaining += unused;
                return false;
            }

            if (reservation.Stamp == 0 || unused == 0)
            {
                return false;
            }

            var first = _refunds.Count == 0;
            _refunds[reservation.Stamp] = _refunds.GetValueOrDefault(reservation.Stamp) + unused;
            return first;
        }
    }

    /// <summary>Takes the refunds waiting for given-back leases: lease sequence number and tokens.</summary>
    public KeyValuePair<long, long>[] TakeRefunds()
    {
        lock (_gate)
        {
            var refunds = _refunds.ToArray();
            _refunds.Clear();
            return refunds;
        }
    }

    /// <summary>
    /// Marks an allowance for renewal when it needs one and none is queued or under way: no lease yet, expired or expiring
    /// within half its life, or run low.
    /// </summary>
    /// <returns><see langword="true"/> when the caller must now renew it (or give it up with <see cref="AbandonLease"/>).</returns>
    public bool TryMarkForLease(LeasedAllowance allowance)
    {
        var now = _timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (allowance.Renewing || !(allowance.LeaseSequence == 0 || allowance.TimeLeft(now, _timeProvider) <= allowance.Life / 2 || allowance.Remaining * 2 <= allowance.Ask()))
            {
                return false;
            }

            allowance.Renewing = true;
            return true;
        }
    }

    /// <summary>Starts a renewal: gives what to ask Redis for (the amount, the lease given back and what was spent of it).</summary>
    public LeaseRequest BeginLease(LeasedAllowance allowance, long sequence)
    {
        lock (_gate)
        {
            var returned = allowance.LeaseSequence;
            var debt = returned == 0 ? Math.Max(0, -allowance.Remaining) : 0;
            return new LeaseRequest(
                sequence,
                allowance.Ask() + debt,
                returned,
                returned == 0 ? 0 : Math.Max(0, allowance.Granted - allowance.Remaining),
                allowance.Remaining,
                _timeProvider.GetTimestamp());
        }
    }

    /// <summary>Applies Redis's answer: the new lease replaces the old one, charged with what was spent since the request left.</summary>
    /// <returns><see langword="true"/> when the fleet's window is full (nothing granted) and was not before.</returns>
    public bool EndLease(LeasedAllowance allowance, LeaseRequest request, long granted, int replicas)
    {
        lock (_gate)
        {
            allowance.Renewing = false;
            allowance.Refused = false;
            allowance.Leases++;
            allowance.Replicas = Math.Max(1, replicas);
            var returnedRemaining = request.Returned == 0 ? 0 : request.RemainingAtRequest;
            allowance.SpentInLastLease = Math.Max(0, allowance.Granted - allowance.Remaining);
            allowance.Remaining = granted + allowance.Remaining - returnedRemaining;
            allowance.Granted = granted;
            allowance.LeaseSequence = granted > 0 ? request.Sequence : 0;
            allowance.Expires = request.SentAt + (long)(allowance.Life.TotalSeconds * _timeProvider.TimestampFrequency);
            var exhausted = granted == 0 && request.Amount > 0;
            var newly = exhausted && !allowance.Exhausted;
            allowance.Exhausted = exhausted;
            return newly;
        }
    }

    /// <summary>Ends a renewal that failed or was not queued: the current lease stays until it expires.</summary>
    public void AbandonLease(LeasedAllowance allowance)
    {
        lock (_gate)
        {
            allowance.Renewing = false;
        }
    }

    /// <summary>Gets this replica's share of each limit while Redis is unreachable: the limit divided by the replicas last seen holding leases.</summary>
    public ProviderRateLimitOptions FallbackShare()
    {
        lock (_gate)
        {
            return new ProviderRateLimitOptions
            {
                RequestsPerMinute = Requests is { } r ? Share(r) : null,
                TokensPerMinute = Tokens is { } t ? Share(t) : null,
            };
        }

        static int Share(LeasedAllowance allowance) => (int)Math.Max(1, Math.Ceiling(allowance.Limit / (double)allowance.Replicas));
    }

    private RateBudgetReservation Refusal(LeasedAllowance allowance, long amount) => allowance == Requests
        ? RateBudgetReservation.Refused(RateBudgetKind.Requests, fleetWide: true, string.Create(CultureInfo.InvariantCulture, $"rate budget: {allowance.Limit} requests per minute across replicas"))
        : RateBudgetReservation.Refused(RateBudgetKind.Tokens, fleetWide: true, string.Create(CultureInfo.InvariantCulture, $"rate budget: ~{amount} tokens would exceed {allowance.Limit} tokens per minute across replicas"));
}
