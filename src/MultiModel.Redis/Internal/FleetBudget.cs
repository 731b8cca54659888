using System.Globalization;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace MultiModel.Redis.Internal;

/// <summary>
/// One provider's rate budget shared by the fleet: each limit (requests, tokens) is spent from a local allowance that
/// this replica leases from Redis in the background, so a call never waits on the network.
/// </summary>
/// <remarks>
/// <para>
/// A lease is a part of the limit granted by an atomic script; it may be spent for <see cref="Allowance.Life"/> after it
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
        Limits = new ProviderRateLimitOptions { RequestsPerMinute = limits.RequestsPerMinute, TokensPerMinute = limits.TokensPerMinute };
        Requests = limits.RequestsPerMinute is { } requests ? new Allowance("requests", requests, leaseLife) : null;
        Tokens = limits.TokensPerMinute is { } tokens ? new Allowance("tokens", tokens, leaseLife) : null;
        Allowances = [.. new[] { Requests, Tokens }.OfType<Allowance>()];
    }

    public string ProviderName { get; }

    public string Identity { get; }

    public ProviderRateLimitOptions Limits { get; }

    public Allowance? Requests { get; }

    public Allowance? Tokens { get; }

    /// <summary>Gets the limits set: requests, tokens, or both.</summary>
    public IReadOnlyList<Allowance> Allowances { get; }

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
    public (RateBudgetReservation Reservation, Allowance? Refused) Reserve(RateBudgetRequest request, bool reserve)
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
    public bool TryMarkForLease(Allowance allowance)
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
    public LeaseRequest BeginLease(Allowance allowance, long sequence)
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
    public bool EndLease(Allowance allowance, LeaseRequest request, long granted, int replicas)
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
    public void AbandonLease(Allowance allowance)
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

        static int Share(Allowance allowance) => (int)Math.Max(1, Math.Ceiling(allowance.Limit / (double)allowance.Replicas));
    }

    private static RateBudgetReservation Refusal(Allowance allowance, long amount) => allowance.Name == "requests"
        ? RateBudgetReservation.Refused(RateBudgetKind.Requests, fleetWide: true, string.Create(CultureInfo.InvariantCulture, $"rate budget: {allowance.Limit} requests per minute across replicas"))
        : RateBudgetReservation.Refused(RateBudgetKind.Tokens, fleetWide: true, string.Create(CultureInfo.InvariantCulture, $"rate budget: ~{amount} tokens would exceed {allowance.Limit} tokens per minute across replicas"));

    /// <summary>One limit's local allowance; read and changed under the budget's lock.</summary>
    internal sealed class Allowance(string name, int limit, TimeSpan life)
    {
        public string Name { get; } = name;

        public int Limit { get; } = limit;

        public TimeSpan Life { get; } = life;

        /// <summary>Gets or sets the sequence number of the current lease (its id is <c>{replica}:{sequence}</c>), 0 for none.</summary>
        public long LeaseSequence { get; set; }

        public long Granted { get; set; }

        /// <summary>Gets or sets what is left to spend of the current lease; negative for a debt.</summary>
        public long Remaining { get; set; }

        public long Expires { get; set; }

        public long SpentInLastLease { get; set; }

        public long LargestDemand { get; set; } = 1;

        public int Replicas { get; set; } = 1;

        public bool Renewing { get; set; }

        public bool Exhausted { get; set; }

        /// <summary>Gets or sets a value indicating whether a call was refused since the last lease: demand outran the allowance.</summary>
        public bool Refused { get; set; }

        public long Leases { get; set; }

        public long Available(long now) => LeaseSequence != 0 && now < Expires ? Remaining : Math.Min(Remaining, 0);

        public TimeSpan TimeLeft(long now, TimeProvider timeProvider) =>
            now >= Expires ? TimeSpan.Zero : TimeSpan.FromSeconds((Expires - now) / (double)timeProvider.TimestampFrequency);

        public void Spend(long amount) => Remaining -= amount;

        /// <summary>
        /// Gets how much to lease: a tenth of the limit (or one call's worth, if larger) for the first lease and after a
        /// refusal; otherwise twice what the last or the current lease saw spent, at least one call's worth, so that a
        /// busy replica keeps enough and an idle one holds little.
        /// </summary>
        public long Ask()
        {
            var most = Math.Max((long)Math.Ceiling(Limit / 10.0), LargestDemand);
            var spent = Math.Max(SpentInLastLease, Granted - Remaining);
            return Leases == 0 || Refused ? most : Math.Clamp(Math.Max(spent * 2, LargestDemand), 1, most);
        }
    }
}

/// <summary>What a renewal asks Redis for, and the allowance's state when it asked.</summary>
/// <param name="Sequence">The new lease's sequence number.</param>
/// <param name="Amount">The amount asked.</param>
/// <param name="Returned">The sequence number of the lease given back, 0 for none.</param>
/// <param name="ReturnedSpent">What was spent of the lease given back.</param>
/// <param name="RemainingAtRequest">The allowance left when the request left.</param>
/// <param name="SentAt">When the request left (the new lease may be spent until then plus its life).</param>
internal readonly record struct LeaseRequest(long Sequence, long Amount, long Returned, long ReturnedSpent, long RemainingAtRequest, long SentAt);
