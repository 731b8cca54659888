using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <summary>Validates <see cref="RedisSharedStateOptions"/> at start-up; every message names the configuration path and never echoes a secret.</summary>
internal sealed class RedisSharedStateOptionsValidator(bool multiplexerGiven) : IValidateOptions<RedisSharedStateOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisSharedStateOptions options)
    {
        var problems = new List<string>();
        const string Path = RedisSharedStateOptions.SectionName;
        if (!multiplexerGiven)
        {
            if (string.IsNullOrWhiteSpace(options.Configuration))
            {
                problems.Add($"{Path}:Configuration is missing; set a StackExchange.Redis connection string (for example localhost:6379) or pass a connection multiplexer to AddRedisSharedState.");
            }
            else
            {
                try
                {
                    if (ConfigurationOptions.Parse(options.Configuration).EndPoints.Count == 0)
                    {
                        problems.Add($"{Path}:Configuration names no endpoint (host:port).");
                    }
                }
                catch (ArgumentException)
                {
                    // The parser's message may quote the string, which can hold a password: it is not repeated.
                    problems.Add($"{Path}:Configuration is not a valid StackExchange.Redis connection string.");
                }
            }
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix.Length > 64 || !options.KeyPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            problems.Add($"{Path}:KeyPrefix must be 1 to 64 letters, digits, '-', '_', '.' or ':' (was '{options.KeyPrefix}').");
        }

        if (options.IdentitySecret is { } secret && secret.Length < 16)
        {
            problems.Add($"{Path}:IdentitySecret must be at least 16 characters when set (was {secret.Length}).");
        }

        Range(problems, "ResyncInterval", options.ResyncInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        Range(problems, "InitialSyncTimeout", options.InitialSyncTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        if (options.WriteQueueCapacity is < 16 or > 1_000_000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Path}:WriteQueueCapacity must be between 16 and 1000000 (was {options.WriteQueueCapacity})."));
        }

        if (options.CircuitQuorum is < 1 or > 1000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Path}:CircuitQuorum must be between 1 and 1000 (was {options.CircuitQuorum})."));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Range(List<string> problems, string member, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{RedisSharedStateOptions.SectionName}:{member} must be between {min} and {max} (was {value})."));
        }
    }
}
