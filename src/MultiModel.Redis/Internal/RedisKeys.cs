using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <summary>Names every key and the channel the shared state writes: the prefix, a kind, and a provider identity's hash (never a name, key or address).</summary>
/// <remarks>A budget's two keys share a hash tag (<c>{identity}</c>), so that its script touches one slot on a cluster too.</remarks>
internal sealed class RedisKeys(string prefix)
{
    public RedisChannel Events { get; } = RedisChannel.Literal(prefix + ":events");

    public RedisKey Cooldown(string identity) => $"{prefix}:cooldown:{identity}";

    public RedisKey Circuit(string identity) => $"{prefix}:circuit:{identity}";

    public RedisKey[] Budget(string identity, string limit) =>
        [$"{prefix}:budget:{{{identity}}}:{limit}:leases", $"{prefix}:budget:{{{identity}}}:{limit}:amounts"];
}
