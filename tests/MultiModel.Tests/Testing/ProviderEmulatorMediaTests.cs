using System.Net;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Testing;
using MultiModel.Tests.TestSupport;
using static MultiModel.Tests.Testing.EmulatorCalls;

namespace MultiModel.Tests.Testing;

/// <summary>The emulator answers requests with images and documents, counts them in the usage, and rejects the parts the real APIs reject.</summary>
[Parallelizable(ParallelScope.All)]
public class ProviderEmulatorMediaTests
{
    [Test]
    public async Task Claude_ImagePdfAndTextDocument_AnsweredWithTheirTokensCounted()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var http = new HttpClient();
        var claude = new ClaudeChatProvider(http, new ClaudeProviderOptions { BaseUrl = emulator.AnthropicBaseUrl, ApiKey = emulator.Anthropic.ApiKey });
        var plain = new ChatRequest("What does this show?");
        var rich = new ChatRequest([ChatMessage.FromUser(
            "What does this show?",
            TestMedia.PlotImage(),
            ChatContentPart.FromPdf(TestMedia.ProcedurePdf),
            ChatContentPart.FromTextDocument(new string('x', 400)))]);

        var plainAnswer = await claude.GetResponseAsync(plain);
        var richAnswer = await claude.GetResponseAsync(rich);

        Assert.Multiple(() =>
        {
            Assert.That(richAnswer.Text, Is.EqualTo("Hello from the provider emulator."));
            Assert.That(richAnswer.Usage.InputTokens - plainAnswer.Usage.InputTokens, Is.EqualTo(1600 + 1500 + 100), "an image, a PDF and 400 characters of text");
            Assert.That(emulator.Requests[^1].Body!.Value.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("type").GetString(), Is.EqualTo("image"));
        });
    }

    [Test]
    public async Task Grok_ImageStreamed_AnsweredWithImageTokensInTheUsage()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var http = new HttpClient();
        var grok = new GrokChatProvider(http, new GrokProviderOptions { BaseUrl = emulator.XaiBaseUrl, ApiKey = emulator.Xai.ApiKey });
        var request = new ChatRequest([ChatMessage.FromUser("Which channel spikes?", ChatContentPart.FromImage(TestMedia.PlotJpeg, "image/jpeg"))]);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in grok.GetStreamingResponseAsync(request))
        {
            updates.Add(update);
        }

        var body = emulator.Requests[^1].Body!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("Hello from the provider emulator."));
            Assert.That(updates[^1].Usage!.InputTokens, Is.GreaterThan(1792));
            Assert.That(body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("image_url").GetProperty("url").GetString(), Does.StartWith("data:image/jpeg;base64,"));
        });
    }

    [Test]
    public async Task Anthropic_BmpImage_400NamingTheAcceptedTypes()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator, """
            {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"Qk0="}},{"type":"text","text":"What?"}]}]}
            """));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
            Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo(
                "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg' or 'image/png' or 'image/gif' or 'image/webp'"));
        });
    }

    [Test]
    public async Task Anthropic_ImageWithBrokenBase64_400()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator, """
            {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[
              {"type":"text","text":"What?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"not base64!"}}]}]}
            """));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo("messages.0.content.1.image.source.base64.data: The data is not valid base64."));
        });
    }

    [Test]
    public async Task Xai_GifDataAddressOrFilePart_400()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (gif, gifJson) = await SendJsonAsync(client, Xai(emulator, """
            {"model":"grok-4","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/gif;base64,R0lGODdh"}}]}]}
            """));
        var (file, fileJson) = await SendJsonAsync(client, Xai(emulator, """
            {"model":"grok-4","messages":[{"role":"user","content":[{"type":"text","text":"Read."},{"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}
            """));

        Assert.Multiple(() =>
        {
            Assert.That(gif.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(gifJson.GetProperty("error").GetString(), Is.EqualTo("messages.0.content.0: image_url.url must be a JPEG or PNG image as a data: URL (base64) or a web address."));
            Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(fileJson.GetProperty("error").GetString(), Does.StartWith("messages.0.content.1: content parts of type 'file'"));
        });
    }
}
