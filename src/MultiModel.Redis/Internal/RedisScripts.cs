using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <summary>
/// The atomic scripts of the shared state, in the subset of Lua that Redis (5.1) and Garnet (5.4, with
/// <c>LuaTransactionMode</c>) run alike: integer arithmetic only (a division is floored, so no value turns into
/// <c>5.0</c>), numbers passed as integer strings, every key declared, the server's clock read with <c>TIME</c>.
/// </summary>
/// <remarks>
/// Run with <see cref="IDatabaseAsync.ScriptEvaluateAsync(string, RedisKey[], RedisValue[], CommandFlags)"/>: the client
/// sends the script's hash and falls back to its text when the server lost its cache (a restart), and nothing is
/// reflected on (trim- and AOT-safe).
/// </remarks>
internal static class RedisScripts
{
    /// <summary>
    /// Extends a cooldown, never shortens it. KEYS[1] the cooldown; ARGV[1] its end (Unix ms), ARGV[2] the key's time
    /// to live (ms). Returns 1 when the stored end moved later, else 0.
    /// </summary>
    public const string ExtendCooldown = """
        local current = redis.call('GET', KEYS[1])
        if current and tonumber(current) >= tonumber(ARGV[1]) then
          return 0
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    /// <summary>
    /// Records one replica's circuit report. KEYS[1] the reports (replica → open until, Unix ms); ARGV[1] the replica,
    /// ARGV[2] open until (0: closed), ARGV[3] now (Unix ms), ARGV[4] the key's time to live (ms). Drops ended reports.
    /// Returns 1 when this replica's report changed, else 0.
    /// </summary>
    public const string ReportCircuit = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
        local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if ARGV[2] == '0' then
          return redis.call('ZREM', KEYS[1], ARGV[1])
        end
        if current and tonumber(current) == tonumber(ARGV[2]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    /// <summary>
    /// Leases part of a rate budget (requests or tokens per minute) to one replica.
    /// KEYS[1] the leases (lease id → the end of its spending, server ms), KEYS[2] their amounts.
    /// ARGV[1] the limit, ARGV[2] the amount asked, ARGV[3] the lease's life (ms), ARGV[4] the replica, ARGV[5] the new
    /// lease's id, ARGV[6] the id of the lease given back ('' for none), ARGV[7] what was spent of it.
    /// </summary>
    /// <remarks>
    /// A lease counts for 60 seconds after the last moment it may be spent (its score), so the units spent in any 60
    /// seconds never exceed the limit. Returns { amount granted (0 when the window is full), replicas holding leases }.
    /// </remarks>
    public const string Lease = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local window = 60000
        local life = tonumber(ARGV[3])
        if ARGV[6] ~= '' and redis.call('ZSCORE', KEYS[1], ARGV[6]) then
          redis.call('HSET', KEYS[2], ARGV[6], ARGV[7])
        end
        local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - window)
        for i = 1, #gone do
          redis.call('HDEL', KEYS[2], gone[i])
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local leases = redis.call('ZRANGE', KEYS[1], 0, -1)
        local used = 0
        local replicas = {}
        local count = 0
        for i = 1, #leases do
          used = used + tonumber(redis.call('HGET', KEYS[2], leases[i]) or '0')
          local replica = string.match(leases[i], '^([^:]+):')
          if replica and not replicas[replica] then
            replicas[replica] = true
            count = count + 1
          end
        end
        local granted = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - used)
        if granted > 0 then
          redis.call('ZADD', KEYS[1], now + life, ARGV[5])
          redis.call('HSET', KEYS[2], ARGV[5], granted)
          if not replicas[ARGV[4]] then
            count = count + 1
          end
        else
          granted = 0
        end
        redis.call('PEXPIRE', KEYS[1], window + life + 1000)
        redis.call('PEXPIRE', KEYS[2], window + life + 1000)
        return { granted, math.max(count, 1) }
        """;

    /// <summary>
    /// Gives back tokens to a lease already returned (a call reserved more than the usage it reported).
    /// KEYS[1] the leases, KEYS[2] their amounts; ARGV[1] the lease's id, ARGV[2] the tokens. A lease that left the window changes nothing.
    /// </summary>
    public const string Refund = """
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
          local left = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') - tonumber(ARGV[2])
          if left < 0 then
            left = 0
          end
          redis.call('HSET', KEYS[2], ARGV[1], left)
        end
        return 0
        """;
}
