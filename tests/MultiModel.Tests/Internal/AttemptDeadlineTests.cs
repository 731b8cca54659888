using MultiModel.Internal;

namespace MultiModel.Tests.Internal;

[Parallelizable(ParallelScope.All)]
public class AttemptDeadlineTests
{
    private static TimeSpan TimeoutWithDeadlineIn(TimeSpan fromNow, TimeSpan perTry)
    {
        var time = new ManualTimeProvider();
        TimeSpan result = default;

        // AsyncLocal: set and read on a flow of its own, as a failover attempt does.
        Task.Run(() =>
        {
            AttemptDeadline.Set(time.GetUtcNow() + fromNow);
            result = AttemptDeadline.TimeoutFor(perTry, time);
        }).GetAwaiter().GetResult();
        return result;
    }

    [Test]
    public void TimeoutFor_NoDeadline_IsThePerTryTimeout() =>
        Assert.That(Task.Run(() => AttemptDeadline.TimeoutFor(TimeSpan.FromSeconds(3), TimeProvider.System)).Result, Is.EqualTo(TimeSpan.FromSeconds(3)));

    [Test]
    public void TimeoutFor_DeadlineFarAway_IsThePerTryTimeout() =>
        Assert.That(TimeoutWithDeadlineIn(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10)), Is.EqualTo(TimeSpan.FromSeconds(10)));

    [Test]
    public void TimeoutFor_DeadlineAsLongAsTheTry_EndsOneHundredMillisecondsBefore() =>
        Assert.That(TimeoutWithDeadlineIn(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)), Is.EqualTo(TimeSpan.FromMilliseconds(9900)));

    [Test]
    public void TimeoutFor_ShortDeadline_KeepsATenthInHand() =>
        Assert.That(TimeoutWithDeadlineIn(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)), Is.EqualTo(TimeSpan.FromMilliseconds(450)));

    [Test]
    public void TimeoutFor_DeadlinePassed_IsOneMillisecond() =>
        Assert.That(TimeoutWithDeadlineIn(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(10)), Is.EqualTo(TimeSpan.FromMilliseconds(1)));
}
