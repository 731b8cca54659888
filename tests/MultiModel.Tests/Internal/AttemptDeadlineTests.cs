using MultiModel.Internal;

namespace MultiModel.Tests.Internal;

[Parallelizable(ParallelScope.All)]
public class AttemptDeadlineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static TimeSpan TimeoutWithDeadlineIn(TimeSpan fromNow, TimeSpan perTry) =>
        AttemptDeadline.TimeoutFor(perTry, Now + fromNow, Now);

    [Test]
    public void TimeoutFor_NoDeadline_IsThePerTryTimeout() =>
        Assert.That(AttemptDeadline.TimeoutFor(TimeSpan.FromSeconds(3), null, Now), Is.EqualTo(TimeSpan.FromSeconds(3)));

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

    [Test]
    public async Task Stamp_InsideAnAttemptFlow_PutsTheDeadlineOnTheRequest_AndNeverLeaksOutOfTheFlow()
    {
        var deadline = Now + TimeSpan.FromSeconds(5);
        using var stamped = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        await Task.Run(() =>
        {
            AttemptDeadline.Set(deadline);
            AttemptDeadline.Stamp(stamped);
        });

        using var outside = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        AttemptDeadline.Stamp(outside);

        Assert.That(stamped.Options.TryGetValue(ChatHttpRequestOptions.AttemptDeadline, out var carried), Is.True);
        Assert.That(carried, Is.EqualTo(deadline));
        Assert.That(AttemptDeadline.Read(outside), Is.Null);
        Assert.That(AttemptDeadline.Current, Is.Null);
    }
}
