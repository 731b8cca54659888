using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiModel.Testing.Internal;

namespace MultiModel.Testing;

/// <summary>
/// Provides a real HTTP server on the loopback interface that imitates the Anthropic Messages API and the xAI Chat
/// Completions API on the wire, with scriptable failures.
/// </summary>
/// <remarks>
/// <para>
/// Point a Claude provider at <see cref="AnthropicBaseUrl"/> (it posts to <c>/v1/messages</c>) and a Grok provider at
/// <see cref="XaiBaseUrl"/> (it posts to <c>/chat/completions</c>). Repeated slashes and a trailing slash in the path
/// are tolerated. Requests are checked like the real APIs: the key (<c>x-api-key</c> or <c>Authorization: Bearer</c>),
/// <c>anthropic-version</c>, the required body fields, and image and document parts (Anthropic: JPEG, PNG, GIF or WebP
/// images and PDF or plain-text documents, base64 valid and at most 5 MB, or by address; xAI: JPEG or PNG images, no
/// documents), each rejected with a 400 in the API's words; accepted requests then follow the endpoint's script
/// (<see cref="Anthropic"/>, <see cref="Xai"/>). The usage counts text at about four characters a token, each image at
/// the most its API documents (1,600 Anthropic, 1,792 xAI, reported as xAI's <c>image_tokens</c>) and each PDF at 1,500.
/// </para>
/// <para>
/// The emulator records every request without credentials and counts connections. It is thread-safe and serves any
/// number of concurrent requests. Dispose it to stop the server; hanging requests end at once.
/// </para>
/// </remarks>
[DebuggerDisplay("{BaseAddress}")]
public sealed class ProviderEmulator : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private ProviderEmulator(WebApplication app, EmulatorState state, CancellationTokenSource stopping, int port)
    {
        _app = app;
        _state = state;
        _stopping = stopping;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        XaiBaseUrl = new Uri(BaseAddress, "/v1");
    }

    /// <summary>Gets the root address of the server, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the base address for a Claude provider, <c>http://127.0.0.1:PORT/</c> (the provider posts to <c>/v1/messages</c>).</summary>
    public Uri AnthropicBaseUrl => BaseAddress;

    /// <summary>Gets the base address for a Grok provider, <c>http://127.0.0.1:PORT/v1</c> (the provider posts to <c>/chat/completions</c>).</summary>
    public Uri XaiBaseUrl { get; }

    /// <summary>Gets the Anthropic endpoint: its script and its requests.</summary>
    public EmulatedProvider Anthropic => _state.Anthropic;

    /// <summary>Gets the xAI endpoint: its script and its requests.</summary>
    public EmulatedProvider Xai => _state.Xai;

    /// <summary>Gets a snapshot of every request received, on any path, oldest first.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _state.Requests;

    /// <summary>Gets the number of requests received, on any path.</summary>
    public int RequestCount => _state.RequestCount;

    /// <summary>Gets the number of TCP connections accepted since the start.</summary>
    public int TotalConnections => _state.TotalConnections;

    /// <summary>Gets the number of TCP connections open now.</summary>
    public int OpenConnections => _state.OpenConnections;

    /// <summary>Gets the number of requests the client abandoned (disconnected or cancelled) before the response was complete.</summary>
    public int AbortedRequests => _state.AbortedRequests;

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An API key or the default answer in <paramref name="options"/> is null or empty.</exception>
    public static async Task<ProviderEmulator> StartAsync(ProviderEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProviderEmulatorOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.AnthropicApiKey, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.XaiApiKey, nameof(options));
        ArgumentNullException.ThrowIfNull(options.DefaultAnswer, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));

        var state = new EmulatorState(options);
        var stopping = new CancellationTokenSource();
        ListenOptions? listen = null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, endpoint =>
            {
                listen = endpoint;
                endpoint.Protocols = HttpProtocols.Http1;
                endpoint.Use(next => async connection =>
                {
                    state.ConnectionOpened();
                    try
                    {
                        await next(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        state.ConnectionClosed();
                    }
                });
            });
        });

        var app = builder.Build();
        var handler = new EmulatorHandler(state, options.DefaultAnswer, options.TimeProvider ?? TimeProvider.System, stopping.Token);
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var port = (listen?.IPEndPoint?.Port) ?? throw new InvalidOperationException("The emulator did not bind a port.");
        return new ProviderEmulator(app, state, stopping, port);
    }

    /// <summary>Waits until a condition on the emulator holds, checking every few milliseconds of real time.</summary>
    /// <param name="condition">The condition, for example <c>e =&gt; e.AbortedRequests == 1</c>.</param>
    /// <param name="timeout">The longest time to wait.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is <see langword="null"/>.</exception>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilAsync(Func<ProviderEmulator, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition(this))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The emulator condition did not hold within {timeout.TotalMilliseconds:0} ms."));
            }

            await Task.Delay(PollInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server: ends hanging requests, closes connections, and releases the port.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Kestrel aborts what is left when the stop times out.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ProviderEmulator {BaseAddress} ({RequestCount} requests, {TotalConnections} connections)");
}
