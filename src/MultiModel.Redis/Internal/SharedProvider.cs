using MultiModel.Resilience;

namespace MultiModel.Redis.Internal;

/// <summary>
/// The local copy of what the fleet shares about one provider identity: the latest server-declared cooldown (extend-only)
/// and each replica's circuit report, with the time until which a quorum of them holds the provider open. Also what this
/// replica itself reported, so a resynchronisation can write it again (after a restart of Redis, for example).
/// </summary>
/// <remarks>Thread-safe: cooldowns are 64-bit values changed atomically; the circuit reports change under a lock, rarely.</remarks>
internal sealed class SharedProvider(string identity, string providerName)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _reports = new(StringComparer.Ordinal);
    private long _fleetCooldownTicks;
    private long _ownCooldownTicks;
    private long _ownCircuitTicks;
    private long _quorumUntilTicks;
    private bool _quorumOpen;

    /// <summary>Gets the identity's hash: what keys and messages carry.</summary>
    public string Identity { get; } = identity;

    /// <summary>Gets the name of a provider of this replica with this identity, for logs.</summary>
    public string ProviderName { get; } = providerName;

    public long OwnCooldownTicks => Interlocked.Read(ref _ownCooldownTicks);

    public long OwnCircuitTicks => Interlocked.Read(ref _ownCircuitTicks);

    /// <summary>Combines this replica's own health with the fleet's: the constraint that ends last, flagged as shared when it came from the fleet.</summary>
    public ProviderHealth Combine(ProviderHealth own)
    {
        var result = own;
        var ownUntil = own.State == ProviderHealthState.Available ? 0 : own.Until?.UtcTicks ?? long.MaxValue;
        var cooldown = Interlocked.Read(ref _fleetCooldownTicks);
        var quorum = Interlocked.Read(ref _quorumUntilTicks);
        if (cooldown > ownUntil)
        {
            (result, ownUntil) = (ProviderHealth.CoolingDownUntil(new DateTimeOffset(cooldown, TimeSpan.Zero)) with { IsShared = true }, cooldown);
        }

        if (quorum > ownUntil)
        {
            result = ProviderHealth.Open(new DateTimeOffset(quorum, TimeSpan.Zero)) with { IsShared = true };
        }

        return result;
    }

    /// <summary>Extends the fleet's cooldown; returns whether it moved later.</summary>
    public bool ExtendFleetCooldown(long untilTicks) => Extend(ref _fleetCooldownTicks, untilTicks);

    /// <summary>Remembers this replica's own cooldown (to write again on resynchronisation); returns whether it moved later.</summary>
    public bool ExtendOwnCooldown(long untilTicks) => Extend(ref _ownCooldownTicks, untilTicks);

    /// <summary>Remembers this replica's own circuit: blocked until a time, or 0 when closed.</summary>
    public void SetOwnCircuit(long untilTicks) => Interlocked.Exchange(ref _ownCircuitTicks, untilTicks);

    /// <summary>Records one replica's report (0: closed) and says how the quorum changed.</summary>
    public QuorumChange Report(string replica, long untilTicks, long nowTicks, int quorum)
    {
        lock (_gate)
        {
            if (untilTicks <= nowTicks)
            {
                _reports.Remove(replica);
            }
            else
            {
                _reports[replica] = untilTicks;
            }

            return Recount(nowTicks, quorum);
        }
    }

    /// <summary>Replaces every report with what Redis holds and says how the quorum changed.</summary>
    public QuorumChange ReplaceReports(IEnumerable<(string Replica, long UntilTicks)> reports, long nowTicks, int quorum)
    {
        lock (_gate)
        {
            _reports.Clear();
            foreach (var (replica, until) in reports)
            {
                _reports[replica] = until;
            }

            return Recount(nowTicks, quorum);
        }
    }

    private static bool Extend(ref long field, long value)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref field);
            if (current >= value)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref field, value, current) != current);

        return true;
    }

    /// <summary>Computes until when at least <paramref name="quorum"/> replicas hold the provider open: the quorum-th latest end among the live reports.</summary>
    private QuorumChange Recount(long nowTicks, int quorum)
    {
        var live = _reports.Values.Where(until => until > nowTicks).OrderDescending().ToList();
        var until = live.Count >= quorum ? live[quorum - 1] : 0;
        Interlocked.Exchange(ref _quorumUntilTicks, until);
        var open = until > nowTicks;
        var transition = open == _quorumOpen ? QuorumTransition.None : open ? QuorumTransition.Opened : QuorumTransition.Closed;
        _quorumOpen = open;
        return new QuorumChange(transition, live.Count, until);
    }
}

/// <summary>How a recount changed the quorum, with the live reports and the quorum's end.</summary>
internal readonly record struct QuorumChange(QuorumTransition Transition, int OpenCount, long UntilTicks);

/// <summary>Whether a recount opened the quorum, closed it, or left it as it was.</summary>
internal enum QuorumTransition
{
    None,
    Opened,
    Closed,
}
