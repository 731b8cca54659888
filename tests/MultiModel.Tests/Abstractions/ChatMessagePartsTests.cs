using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Abstractions;

[Parallelizable(ParallelScope.All)]
public class ChatMessagePartsTests
{
    [Test]
    public void FromUser_TextAndAttachments_PutsAttachmentsFirstAndKeepsText()
    {
        var image = TestMedia.PlotImage();
        var pdf = ChatContentPart.FromPdf(TestMedia.ProcedurePdf);

        var message = ChatMessage.FromUser("Which channel spikes first?", image, pdf);

        Assert.Multiple(() =>
        {
            Assert.That(message.Role, Is.EqualTo(ChatRole.User));
            Assert.That(message.Text, Is.EqualTo("Which channel spikes first?"));
            Assert.That(message.Parts, Has.Count.EqualTo(3));
            Assert.That(message.Parts[0], Is.SameAs(image));
            Assert.That(message.Parts[1], Is.SameAs(pdf));
            Assert.That(message.Parts[2], Is.TypeOf<ChatTextPart>().And.Property(nameof(ChatTextPart.Text)).EqualTo("Which channel spikes first?"));
            Assert.That(message.ToString(), Is.EqualTo("User: Which channel spikes first? [image/png 320x200 (981 B), PDF (935 B)]"));
        });
    }

    [Test]
    public void FromUser_TextWithoutAttachments_IsPlainText()
    {
        var message = ChatMessage.FromUser("Hi", []);

        Assert.That(message.Parts, Is.Empty);
    }

    [Test]
    public void FromUser_Parts_KeepsOrderAndJoinsText()
    {
        var message = ChatMessage.FromUser(
            ChatContentPart.FromText("Image 1: "),
            TestMedia.PlotImage(),
            ChatContentPart.FromText("Image 2: "),
            ChatContentPart.FromImage(TestMedia.PlotJpeg, "image/jpeg"),
            ChatContentPart.FromText("How do they differ?"));

        Assert.Multiple(() =>
        {
            Assert.That(message.Text, Is.EqualTo("Image 1: Image 2: How do they differ?"));
            Assert.That(message.Parts.Select(p => p.GetType().Name), Is.EqualTo(new[] { "ChatTextPart", "ChatImagePart", "ChatTextPart", "ChatImagePart", "ChatTextPart" }));
        });
    }

    [Test]
    public void FromUser_ReasoningPart_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatMessage.FromUser(ChatContentPart.FromReasoning("thinking", "sig")));

        Assert.That(ex!.Message, Does.Contain("Part 0 is reasoning"));
    }

    [Test]
    public void FromUser_NoParts_Throws()
    {
        Assert.That(() => ChatMessage.FromUser(ReadOnlySpan<ChatContentPart>.Empty), Throws.ArgumentException.With.Message.Contains("at least one part"));
    }

    [Test]
    public void FromUser_NullPart_Throws()
    {
        Assert.That(() => ChatMessage.FromUser(ChatContentPart.FromText("a"), null!), Throws.ArgumentException.With.Message.Contains("Part 1 is null"));
    }

    [Test]
    public void FromAssistant_ReasoningTextAndCalls_KeepsAll()
    {
        var thinking = ChatContentPart.FromReasoning("Check the sensor.", "EqQBCgIYAh");
        var call = ChatToolCall.Parse("toolu_1", "read_sensor", """{"channel":"battery_b_temp"}""");

        var message = ChatMessage.FromAssistant([thinking, ChatContentPart.FromText("Reading it.")], [call]);

        Assert.Multiple(() =>
        {
            Assert.That(message.Role, Is.EqualTo(ChatRole.Assistant));
            Assert.That(message.Text, Is.EqualTo("Reading it."));
            Assert.That(message.Parts[0], Is.SameAs(thinking));
            Assert.That(message.ToolCalls, Is.EqualTo(new[] { call }));
        });
    }

    [Test]
    public void FromAssistant_Image_Throws()
    {
        Assert.That(() => ChatMessage.FromAssistant([TestMedia.PlotImage()]), Throws.ArgumentException.With.Message.Contains("only user messages carry"));
    }

    [Test]
    public void WithCacheBreakpoint_CopiesEverythingAndMarks()
    {
        var original = ChatMessage.FromUser("Manual:", ChatContentPart.FromTextDocument("1. Isolate the battery."));

        var marked = original.WithCacheBreakpoint();

        Assert.Multiple(() =>
        {
            Assert.That(original.IsCacheBreakpoint, Is.False);
            Assert.That(marked.IsCacheBreakpoint, Is.True);
            Assert.That(marked.Role, Is.EqualTo(original.Role));
            Assert.That(marked.Text, Is.EqualTo(original.Text));
            Assert.That(marked.Parts, Is.SameAs(original.Parts));
        });
    }

    [Test]
    public void ToAssistantMessage_AnswerWithReasoningParts_CarriesThemBeforeTheText()
    {
        var thinking = ChatContentPart.FromReasoning("Check the sensor.", "EqQBCgIYAh");
        var redacted = ChatContentPart.FromRedactedReasoning("EmwKAhgB");
        var call = ChatToolCall.Parse("toolu_1", "read_sensor", "{}");
        var response = new ChatResponse { Text = "Reading it.", ProviderName = "claude", ReasoningParts = [thinking, redacted], ToolCalls = [call] };

        var message = response.ToAssistantMessage();

        Assert.Multiple(() =>
        {
            Assert.That(message.Parts.Take(2), Is.EqualTo(new ChatContentPart[] { thinking, redacted }));
            Assert.That(message.Parts[2], Is.TypeOf<ChatTextPart>());
            Assert.That(message.Text, Is.EqualTo("Reading it."));
            Assert.That(message.ToolCalls, Is.EqualTo(new[] { call }));
        });
    }

    [Test]
    public void ToAssistantMessage_AnswerWithoutReasoningParts_IsPlainAsBefore()
    {
        var response = new ChatResponse { Text = "Done.", ProviderName = "grok", ReasoningText = "thought" };

        var message = response.ToAssistantMessage();

        Assert.That(message.Parts, Is.Empty);
    }
}
