using System.Globalization;
using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <content>What goes over the wire: the scripts' calls, the messages, and how what comes back changes the local copy.</content>
internal sealed partial class SharedStateSync
{
    private const string CooldownMessage = "cooldown";
    private const string CircuitMessage = "circuit";

    /// <summary>Key lifetimes beyond the state's own end: long enough for any reader, short enough to leave nothing behind.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Writes this replica's live state again, reads the fleet's, and renews the leases that need it.</summary>
    private async Task ResyncAsync(IDatabaseAsync database)
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var shared in _store.SharedProviders)
        {
            if (shared.OwnCooldownTicks > now.UtcTicks)
            {
                await WriteCooldownAsync(database, shared).ConfigureAwait(false);
            }

            if (await database.StringGetAsync(_keys.Cooldown(shared.Identity)).ConfigureAwait(false) is { HasValue: true } stored
                && long.TryParse(stored.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var untilMs))
            {
                ApplyCooldown(shared, untilMs, fromOther: new DateTimeOffset(shared.OwnCooldownTicks, TimeSpan.Zero).ToUnixTimeMilliseconds() != untilMs);
            }

            if (_options.ShareCircuits)
            {
                if (shared.OwnCircuitTicks > now.UtcTicks)
                {
                    await WriteCircuitAsync(database, shared).ConfigureAwait(false);
                }

                var reports = await database.SortedSetRangeByScoreWithScoresAsync(_keys.Circuit(shared.Identity), now.ToUnixTimeMilliseconds(), double.PositiveInfinity).ConfigureAwait(false);
                var change = shared.ReplaceReports(reports.Select(r => (r.Element.ToString(), Ticks((long)r.Score))), _timeProvider.GetUtcNow().UtcTicks, _options.CircuitQuorum);
                LogQuorum(shared, change);
            }
        }

        foreach (var budget in _store.Budgets)
        {
            foreach (var allowance in budget.Allowances)
            {
                if (budget.TryMarkForLease(allowance))
                {
                    await LeaseAsync(database, budget, allowance).ConfigureAwait(false);
                }
            }

            if (budget.Tokens is not null)
            {
                await RefundAsync(database, budget).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteCooldownAsync(IDatabaseAsync database, SharedProvider shared)
    {
        var until = new DateTimeOffset(shared.OwnCooldownTicks, TimeSpan.Zero);
        var untilMs = until.ToUnixTimeMilliseconds();
        var ttl = (long)Math.Max(1000, (until - _timeProvider.GetUtcNow() + Grace).TotalMilliseconds);
        var moved = (long)await database.ScriptEvaluateAsync(RedisScripts.ExtendCooldown, [_keys.Cooldown(shared.Identity)], [untilMs, ttl]).ConfigureAwait(false);
        if (moved == 1)
        {
            await database.PublishAsync(_keys.Events, Message(CooldownMessage, shared.Identity, untilMs)).ConfigureAwait(false);
            _metrics.Record(SharedStateMetrics.CooldownPublished);
            _logger.CooldownPublished(shared.ProviderName, until);
        }
    }

    private async Task WriteCircuitAsync(IDatabaseAsync database, SharedProvider shared)
    {
        var now = _timeProvider.GetUtcNow();
        var ticks = shared.OwnCircuitTicks;
        var untilMs = ticks > now.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero).ToUnixTimeMilliseconds() : 0;
        var ttl = (long)Math.Max(1000, (new DateTimeOffset(Math.Max(ticks, now.UtcTicks), TimeSpan.Zero) - now + Grace).TotalMilliseconds);
        RedisValue[] values = [ReplicaId, untilMs, now.ToUnixTimeMilliseconds(), ttl];
        var changed = (long)await database.ScriptEvaluateAsync(RedisScripts.ReportCircuit, [_keys.Circuit(shared.Identity)], values).ConfigureAwait(false);
        if (changed == 1)
        {
            await database.PublishAsync(_keys.Events, Message(CircuitMessage, shared.Identity, untilMs)).ConfigureAwait(false);
        }
    }

    private async Task LeaseAsync(IDatabaseAsync database, FleetBudget budget, LeasedAllowance allowance)
    {
        var request = budget.BeginLease(allowance, Interlocked.Increment(ref _leaseSequence));
        RedisResult result;
        try
        {
            RedisValue[] values =
            [
                allowance.Limit, request.Amount, (long)allowance.Life.TotalMilliseconds, ReplicaId, LeaseId(request.Sequence),
                request.Returned == 0 ? string.Empty : LeaseId(request.Returned), request.ReturnedSpent,
            ];
            result = await database.ScriptEvaluateAsync(RedisScripts.Lease, _keys.Budget(budget.Identity, allowance.Name), values).ConfigureAwait(false);
        }
        catch
        {
            budget.AbandonLease(allowance);
            throw;
        }

        var reply = (RedisResult[])result!;
        if (budget.EndLease(allowance, request, (long)reply[0], (int)reply[1]))
        {
            _metrics.Record(SharedStateMetrics.BudgetExhausted);
            _logger.BudgetExhausted(budget.ProviderName, allowance.Name, allowance.Limit);
        }

        _store.UpdateFallback(budget);
    }

    /// <summary>Gives back to their leases in Redis the tokens that calls reserved but did not use, once those leases were given back.</summary>
    private async Task RefundAsync(IDatabaseAsync database, FleetBudget budget)
    {
        var keys = _keys.Budget(budget.Identity, budget.Tokens!.Name);
        foreach (var (sequence, tokens) in budget.TakeRefunds())
        {
            await database.ScriptEvaluateAsync(RedisScripts.Refund, keys, [LeaseId(sequence), tokens]).ConfigureAwait(false);
        }
    }

    private string LeaseId(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{ReplicaId}:{sequence}");

    /// <summary>Applies a message of another replica (or this one's, echoed): <c>cooldown {identity} {replica} {until ms}</c> or <c>circuit {identity} {replica} {until ms}</c>.</summary>
    private void OnMessage(RedisValue message)
    {
        var parts = message.ToString().Split(' ');
        if (parts.Length != 4 || _store.Find(parts[1]) is not { } shared
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var untilMs))
        {
            return; // another deployment's or another version's message, or a provider this replica does not have
        }

        var fromOther = !string.Equals(parts[2], ReplicaId, StringComparison.Ordinal);
        if (parts[0] == CooldownMessage)
        {
            ApplyCooldown(shared, untilMs, fromOther);
        }
        else if (parts[0] == CircuitMessage && _options.ShareCircuits)
        {
            LogQuorum(shared, shared.Report(parts[2], Ticks(untilMs), _timeProvider.GetUtcNow().UtcTicks, _options.CircuitQuorum));
        }
    }

    private void ApplyCooldown(SharedProvider shared, long untilMs, bool fromOther)
    {
        var ticks = Ticks(untilMs);
        if (shared.ExtendFleetCooldown(ticks) && fromOther && ticks > _timeProvider.GetUtcNow().UtcTicks)
        {
            _metrics.Record(SharedStateMetrics.CooldownReceived);
            _logger.CooldownReceived(shared.ProviderName, new DateTimeOffset(ticks, TimeSpan.Zero));
        }
    }

    private void LogQuorum(SharedProvider shared, QuorumChange change)
    {
        if (change.Transition == QuorumTransition.Opened)
        {
            _metrics.Record(SharedStateMetrics.QuorumOpened);
            _logger.QuorumOpened(shared.ProviderName, change.OpenCount, _options.CircuitQuorum, new DateTimeOffset(change.UntilTicks, TimeSpan.Zero));
        }
        else if (change.Transition == QuorumTransition.Closed)
        {
            _metrics.Record(SharedStateMetrics.QuorumClosed);
            _logger.QuorumClosed(shared.ProviderName, _options.CircuitQuorum);
        }
    }

    private RedisValue Message(string kind, string identity, long untilMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind} {identity} {ReplicaId} {untilMs}");

    private static long Ticks(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(unixMs, 0, 253402300799999)).UtcTicks;
}
