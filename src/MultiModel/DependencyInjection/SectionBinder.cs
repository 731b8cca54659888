using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Binds configuration straight into one of the library's option types, for the option names it owns. A value the
/// binder or a validating setter rejects becomes an <see cref="OptionsValidationException"/> naming its configuration
/// path, so it stops the host at start-up like any other validation failure. Keys the type does not have are rejected too.
/// </summary>
/// <typeparam name="TOptions">The option type.</typeparam>
internal sealed class SectionBinder<TOptions> : IConfigureNamedOptions<TOptions>
    where TOptions : class
{
    private readonly IConfiguration? _configuration;
    private readonly Func<string, string?> _sectionPath;
    private readonly Action<string, IConfigurationSection, TOptions> _bind;
    private readonly Action<string, TOptions>? _prepare;

    /// <param name="configuration">The configuration, or <see langword="null"/> when the container has none.</param>
    /// <param name="sectionPath">Gives the section an options name is bound from, or <see langword="null"/> for names this binder does not own.</param>
    /// <param name="bind">Binds the section into the options, through <see cref="Bind"/> for each part.</param>
    /// <param name="prepare">Sets what the options get from their name (a provider's <c>Name</c>), with or without configuration.</param>
    public SectionBinder(IConfiguration? configuration, Func<string, string?> sectionPath, Action<string, IConfigurationSection, TOptions> bind, Action<string, TOptions>? prepare = null)
    {
        _configuration = configuration;
        _sectionPath = sectionPath;
        _bind = bind;
        _prepare = prepare;
    }

    /// <summary>Makes a bind reject keys the target type does not have.</summary>
    public static void Strict(BinderOptions options) => options.ErrorOnUnknownConfiguration = true;

    public void Configure(TOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, TOptions options)
    {
        name ??= Options.DefaultName;
        if (_sectionPath(name) is not { } path)
        {
            return;
        }

        _prepare?.Invoke(name, options);
        if (_configuration is not null)
        {
            _bind(name, _configuration.GetSection(path), options);
        }
    }

    /// <summary>Runs one bind of <paramref name="section"/>, turning what it rejects into a validation failure naming the path.</summary>
    public static void Bind(string name, IConfigurationSection section, Action bind)
    {
        try
        {
            bind();
        }
        catch (ArgumentException ex) when (ex.ParamName is { Length: > 0 } member)
        {
            // A validating setter refused the value; its parameter is the property.
            throw Failure(name, $"{section.Path}:{member} is invalid: {ex.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw Failure(name, Describe(section.Path, ex.Message.ReplaceLineEndings(" ")));
        }
    }

    /// <summary>Makes the binder's message name the path: conversion failures already quote it; unknown keys are listed after the type.</summary>
    private static string Describe(string path, string message)
    {
        const string UnknownKeys = "'ErrorOnUnknownConfiguration' was set";
        if (message.StartsWith(UnknownKeys, StringComparison.Ordinal) && message.LastIndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
        {
            return $"{path} has unknown settings {message[(colon + 2)..]}; check their spelling and the README's configuration keys.";
        }

        return message.Contains($"'{path}", StringComparison.OrdinalIgnoreCase) ? message : $"{path}: {message}";
    }

    private static OptionsValidationException Failure(string name, string message) => new(name, typeof(TOptions), [message]);
}
