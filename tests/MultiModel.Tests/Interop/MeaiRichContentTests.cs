using Microsoft.Extensions.AI;
using MultiModel.Interop;
using MultiModel.Testing;
using MultiModel.Tests.TestSupport;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Tests.Interop;

/// <summary>Images, documents, reasoning and reasoning options through the Microsoft.Extensions.AI adapters, both ways.</summary>
[Parallelizable(ParallelScope.All)]
public class MeaiRichContentTests
{
    [Test]
    public async Task AsChatClient_MeaiMediaContents_ReachTheProviderAsParts()
    {
        var provider = new FakeChatProvider("p").EnqueueAnswer("seen");
        var message = new AI.ChatMessage(AI.ChatRole.User,
        [
            new DataContent(TestMedia.PlotPng, "image/png"),
            new UriContent(new Uri("https://telemetry.example/plot.jpg"), "image/jpeg"),
            new DataContent(TestMedia.ProcedurePdf, "application/pdf") { Name = "Battery procedure" },
            new UriContent(new Uri("https://docs.example/manual.pdf"), "application/pdf"),
            new DataContent("06:00 EPS bus_voltage=28.1"u8.ToArray(), "text/plain"),
            new AI.TextContent("What do these show?"),
        ]);

        await provider.AsChatClient().GetResponseAsync([message]);

        var parts = provider.LastRequest!.Messages.Single().Parts;
        Assert.Multiple(() =>
        {
            Assert.That(parts[0], Is.TypeOf<ChatImagePart>().And.Property(nameof(ChatImagePart.Width)).EqualTo(320));
            Assert.That(((ChatImagePart)parts[1]).Url, Is.EqualTo(new Uri("https://telemetry.example/plot.jpg")));
            Assert.That(((ChatDocumentPart)parts[2]).Title, Is.EqualTo("Battery procedure"));
            Assert.That(((ChatDocumentPart)parts[2]).Data.ToArray(), Is.EqualTo(TestMedia.ProcedurePdf));
            Assert.That(((ChatDocumentPart)parts[3]).Url, Is.EqualTo(new Uri("https://docs.example/manual.pdf")));
            Assert.That(((ChatDocumentPart)parts[4]).Text, Is.EqualTo("06:00 EPS bus_voltage=28.1"));
            Assert.That(((ChatTextPart)parts[5]).Text, Is.EqualTo("What do these show?"));
        });
    }

    [Test]
    public void AsChatClient_InvalidImageBytes_ArgumentExceptionBeforeAnyCall()
    {
        var provider = new FakeChatProvider("p").EnqueueAnswer("never");
        var message = new AI.ChatMessage(AI.ChatRole.User, [new DataContent(TestMedia.PlotJpeg, "image/png")]);

        Assert.ThrowsAsync<ArgumentException>(() => provider.AsChatClient().GetResponseAsync([message]));
        Assert.That(provider.CallCount, Is.Zero);
    }

    [Test]
    public async Task AsChatClient_AssistantReasoningAndEffort_ReachTheProvider()
    {
        var provider = new FakeChatProvider("p").EnqueueAnswer("done");
        AI.ChatMessage[] history =
        [
            new(AI.ChatRole.User, "Is battery B warm?"),
            new(AI.ChatRole.Assistant, [new TextReasoningContent("Read the sensor.") { ProtectedData = "EqQBCgIYAh" }, new TextReasoningContent(string.Empty) { ProtectedData = "EmwKAhgB" }, new AI.TextContent("Reading.")]),
            new(AI.ChatRole.User, "Well?"),
        ];

        await provider.AsChatClient().GetResponseAsync(history, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } });

        var request = provider.LastRequest!;
        var reasoning = request.Messages[1].Parts.OfType<ChatReasoningPart>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(request.Reasoning?.Effort, Is.EqualTo(ChatReasoningEffort.High));
            Assert.That(reasoning.Select(p => (p.IsRedacted, p.Text, p.ProtectedData)), Is.EqualTo(new[] { (false, "Read the sensor.", (string?)"EqQBCgIYAh"), (true, string.Empty, "EmwKAhgB") }));
            Assert.That(request.Messages[1].Text, Is.EqualTo("Reading."));
        });
    }

    [Test]
    public void AsChatClient_ExtraHighEffort_NotSupported()
    {
        var provider = new FakeChatProvider("p").EnqueueAnswer("never");

        Assert.ThrowsAsync<NotSupportedException>(() => provider.AsChatClient().GetResponseAsync("Why?", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.ExtraHigh } }));
    }

    [Test]
    public async Task AsChatClient_AnswerWithReasoningParts_ReasoningContentsWithProtectedData()
    {
        var provider = new FakeChatProvider("p");
        provider.Enqueue(FakeChatStep.Respond(new ChatResponse
        {
            Text = "Warm.",
            ReasoningText = "Check it.",
            ReasoningParts = [ChatContentPart.FromReasoning("Check it.", "EqQB"), ChatContentPart.FromRedactedReasoning("EmwK")],
            ProviderName = "p",
        }));

        var answer = await provider.AsChatClient().GetResponseAsync("Is battery B warm?");

        var reasoning = answer.Messages.Single().Contents.OfType<TextReasoningContent>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reasoning.Select(r => (r.Text, r.ProtectedData)), Is.EqualTo(new[] { ("Check it.", (string?)"EqQB"), (string.Empty, "EmwK") }));
            Assert.That(answer.Text, Is.EqualTo("Warm."));
        });
    }

    [Test]
    public async Task AsChatProvider_RequestWithParts_SentAsMeaiContentsWithMediaTypes()
    {
        var fake = new FakeChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new AI.ChatResponse(new AI.ChatMessage(AI.ChatRole.Assistant, "ok"))) };
        var request = new ChatRequest([ChatMessage.FromUser(
            "What?",
            TestMedia.PlotImage(),
            ChatContentPart.FromImage(new Uri("https://telemetry.example/plot.png")),
            ChatContentPart.FromPdf(TestMedia.ProcedurePdf, "Procedure"),
            ChatContentPart.FromTextDocument("log line"))])
        {
            Reasoning = new ChatReasoningOptions { BudgetTokens = 5000 },
        };

        await fake.AsChatProvider("meai").GetResponseAsync(request);

        var (messages, options) = fake.Calls.Single();
        var contents = messages.Single().Contents;
        Assert.Multiple(() =>
        {
            Assert.That(contents[0], Is.TypeOf<DataContent>().And.Property(nameof(DataContent.MediaType)).EqualTo("image/png"));
            Assert.That(contents[1], Is.TypeOf<UriContent>().And.Property(nameof(UriContent.Uri)).EqualTo(new Uri("https://telemetry.example/plot.png")));
            Assert.That(((DataContent)contents[2]).MediaType, Is.EqualTo("application/pdf"));
            Assert.That(((DataContent)contents[2]).Name, Is.EqualTo("Procedure"));
            Assert.That(((DataContent)contents[3]).Data.ToArray(), Is.EqualTo("log line"u8.ToArray()));
            Assert.That(((AI.TextContent)contents[4]).Text, Is.EqualTo("What?"));
            Assert.That(options!.Reasoning!.Effort, Is.EqualTo(ReasoningEffort.Medium), "a 5,000-token budget is a medium effort");
        });
    }

    [Test]
    public async Task AsChatProvider_MeaiReasoningWithProtectedData_BecomesReasoningParts()
    {
        var fake = new FakeChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new AI.ChatResponse(new AI.ChatMessage(AI.ChatRole.Assistant,
                [new TextReasoningContent("Think.") { ProtectedData = "sig-1" }, new TextReasoningContent("Plain."), new AI.TextContent("Answer.")]))),
        };

        var response = await fake.AsChatProvider("meai").GetResponseAsync(new ChatRequest("Hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.ReasoningText, Is.EqualTo("Think.Plain."));
            Assert.That(response.ReasoningParts.Select(p => (p.Text, p.ProtectedData)), Is.EqualTo(new[] { ("Think.", (string?)"sig-1") }));
        });
    }

    [Test]
    public async Task RoundTrip_ProviderAnswerThroughBothAdapters_KeepsTheSameReasoningParts()
    {
        var parts = new[] { ChatContentPart.FromReasoning(string.Empty, "signature-only"), ChatContentPart.FromRedactedReasoning("opaque") };
        var inner = new FakeChatProvider("inner");
        inner.Enqueue(FakeChatStep.Respond(new ChatResponse { Text = "ok", ProviderName = "inner", ReasoningParts = parts }));

        var response = await inner.AsChatClient().AsChatProvider("outer").GetResponseAsync(new ChatRequest("Hi"));

        Assert.That(response.ReasoningParts, Is.EqualTo(parts), "the parts ride along as raw representations, so a signed block without text stays a signed block");
    }

    [Test]
    public void StreamedUpdate_ReasoningParts_EmptyReasoningContentsCarryingProtectedDataAndBack()
    {
        var part = ChatContentPart.FromReasoning("Check it.", "EqQB");
        var update = MeaiResponseMapper.ToMeai(new ChatResponseUpdate { ProviderName = "p", Text = "Warm.", ReasoningParts = [part] });

        var back = MeaiResponseMapper.FromMeai(update, "p");

        Assert.Multiple(() =>
        {
            Assert.That(update.Contents.OfType<TextReasoningContent>().Single().Text, Is.Empty, "the text was already streamed");
            Assert.That(update.Contents.OfType<TextReasoningContent>().Single().ProtectedData, Is.EqualTo("EqQB"));
            Assert.That(back!.ReasoningParts, Is.EqualTo(new[] { part }));
            Assert.That(back.ReasoningText, Is.Null);
        });
    }
}
