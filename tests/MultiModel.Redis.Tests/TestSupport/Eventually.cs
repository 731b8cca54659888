namespace MultiModel.Redis.Tests.TestSupport;

/// <summary>Waits, in real time and with a generous bound, for something that arrives through Redis (pub/sub, a resynchronisation).</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> WaitAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > within)
            {
                Assert.Fail($"Not within {within.TotalSeconds} s: {what}.");
            }

            await Task.Delay(10);
        }

        return TimeProvider.System.GetElapsedTime(started);
    }
}
