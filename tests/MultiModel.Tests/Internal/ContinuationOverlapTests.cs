using MultiModel.Internal;

namespace MultiModel.Tests.Internal;

[Parallelizable(ParallelScope.All)]
public class ContinuationOverlapTests
{
    [TestCase("The capital of Fr", "France is Paris.", 2)]
    [TestCase("The capital of Fr", "ance is Paris.", 0)]
    [TestCase("Hello, ", " world", 1)]
    [TestCase("Para one.\n\n", "\n\nPara two.", 2)]
    [TestCase("The quick brown", "The quick brown fox", 15)]
    [TestCase("The quick brown", "quick brown fox", 11)]
    [TestCase("The quick brown", " fox jumps", 0)]
    [TestCase("I said that", "that is so", 4)]
    [TestCase("abc", "bcd", 0)]
    [TestCase("3.14", "14 is pi", 2)]
    public void Find_WholeContinuation_RemovesTheRepeatThatStartsAWord(string partial, string continuation, int expected) =>
        Assert.That(ContinuationOverlap.Find(partial, continuation, complete: true), Is.EqualTo(expected));

    [Test]
    public void Find_StartThatMayGrowIntoALongerRepeat_WaitsForMoreText()
    {
        const string Partial = "The quick brown";

        Assert.Multiple(() =>
        {
            Assert.That(ContinuationOverlap.Find(Partial, "The qu", complete: false), Is.Null, "could still become 'The quick brown'");
            Assert.That(ContinuationOverlap.Find(Partial, " ", complete: false), Is.Null, "could still become ' brown'");
            Assert.That(ContinuationOverlap.Find(Partial, string.Empty, complete: false), Is.Null, "no text yet");
            Assert.That(ContinuationOverlap.Find(Partial, "The quick brown fox", complete: false), Is.EqualTo(15));
            Assert.That(ContinuationOverlap.Find(Partial, " fox", complete: false), Is.EqualTo(0));
            Assert.That(ContinuationOverlap.Find(Partial, "The qu", complete: true), Is.EqualTo(0), "a complete continuation decides now");
        });
    }

    [Test]
    public void Find_RepeatLongerThanTheWindow_RemovesAtMostTheWindow()
    {
        var partial = "Intro. " + string.Concat(Enumerable.Repeat("word ", 100));
        var continuation = partial[^300..] + "end";

        var overlap = ContinuationOverlap.Find(partial, continuation, complete: true);

        // The continuation repeats 300 characters; the longest repeat within 256 that its start matches is 255 (the text repeats every 5).
        Assert.That(overlap, Is.EqualTo(255));
    }

    [Test]
    public void Find_ContinuationThatRestartsAFarLongerAnswer_IsKept()
    {
        var partial = "Start. " + new string('a', 300) + " end";

        Assert.That(ContinuationOverlap.Find(partial, "Start. Again", complete: true), Is.EqualTo(0));
    }

    [Test]
    public void RemoveFrom_OverlapAcrossUpdates_CutsTheirTextAndDropsOnlyUpdatesLeftEmpty()
    {
        List<ChatResponseUpdate> updates =
        [
            new() { Text = "F", ProviderName = "grok" },
            new() { Text = "r", ReasoningText = "hmm", ProviderName = "grok" },
            new() { Text = "ance is", ProviderName = "grok" },
            new() { IsFinal = true, ProviderName = "grok" },
        ];

        ContinuationOverlap.RemoveFrom(updates, 3);

        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { null, "nce is", null }));
            Assert.That(updates[0].ReasoningText, Is.EqualTo("hmm"), "an update that still says something is kept");
            Assert.That(updates[^1].IsFinal, Is.True);
            Assert.That(updates.Select(u => u.ProviderName), Is.All.EqualTo("grok"));
        });
    }

    [Test]
    public void RemoveFrom_NoOverlap_LeavesTheUpdatesAsTheyAre()
    {
        var first = new ChatResponseUpdate { Text = "France", ProviderName = "grok" };
        List<ChatResponseUpdate> updates = [first];

        ContinuationOverlap.RemoveFrom(updates, 0);

        Assert.That(updates, Is.EqualTo(new[] { first }));
    }
}
