using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MultiModel.Tests.TestSupport;

/// <summary>A <see cref="FakeTimeProvider"/> that also tells when a timer (a retry delay, a timeout) has been scheduled, so a test advances time only once something waits on it.</summary>
internal sealed class WatchedTime : FakeTimeProvider
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly Channel<TimeSpan> _scheduled = Channel.CreateUnbounded<TimeSpan>();

    public WatchedTime()
        : base(Epoch)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Watched(base.CreateTimer(callback, state, dueTime, period), _scheduled.Writer);
        _scheduled.Writer.TryWrite(dueTime);
        return timer;
    }

    private sealed class Watched(ITimer timer, ChannelWriter<TimeSpan> scheduled) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = timer.Change(dueTime, period);
            scheduled.TryWrite(dueTime);
            return changed;
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }

    /// <summary>Waits (in real time, up to 10 s) until a timer due within <paramref name="within"/> has been created.</summary>
    public async Task WaitForTimerAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _scheduled.Reader.ReadAsync(timeout.Token) is var due && (due > within || due == Timeout.InfiniteTimeSpan))
        {
        }
    }
}
