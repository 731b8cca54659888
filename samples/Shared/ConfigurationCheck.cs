using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MultiModel.Samples;

/// <summary>
/// Turns a configuration mistake into one line per problem, each naming the setting at fault, instead of a hosting
/// stack trace: the options registered with ValidateOnStart are validated before the host starts.
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>Validates every option registered with ValidateOnStart (MultiModel's included).</summary>
    /// <returns>The problems found, or an empty list.</returns>
    public static IReadOnlyList<string> Validate(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception ex) when (Describe(ex) is { Count: > 0 } problems)
        {
            return problems;
        }
    }

    /// <summary>Describes a configuration exception: validation failures, or a value the binder could not convert.</summary>
    /// <returns>One line per problem, or an empty list when the exception is not a configuration mistake.</returns>
    public static IReadOnlyList<string> Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Describe)],
        // The configuration binder: "Failed to convert configuration value at 'Monitor:Batches' to type 'System.Int32'."
        InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } => [exception.Message],
        _ => [],
    };

    /// <summary>Writes the problems, one line each, to standard error.</summary>
    public static void Report(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("Configuration error: " + problem);
        }
    }
}
