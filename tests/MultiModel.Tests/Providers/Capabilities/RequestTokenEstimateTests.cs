using System.Text.Json;
using MultiModel.Providers.Capabilities;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Providers.Capabilities;

[Parallelizable(ParallelScope.All)]
public class RequestTokenEstimateTests
{
    [Test]
    public void Estimate_TextMessages_TextPlusFramingPerMessage()
    {
        var request = new ChatRequest([ChatMessage.FromSystem("Be brief."), ChatMessage.FromUser("Status of battery B?")]);

        var estimate = RequestTokenEstimate.Estimate(request, MediaRules.Xai);

        Assert.That(estimate, Is.EqualTo(TextTokenCounter.Count("Be brief.") + TextTokenCounter.Count("Status of battery B?") + (2 * RequestTokenEstimate.MessageTokens)));
    }

    [Test]
    public void Estimate_ClaudeImageOfKnownSize_WidthTimesHeightOver750()
    {
        var request = new ChatRequest([ChatMessage.FromUser(TestMedia.PlotImage())]);

        var claude = RequestTokenEstimate.Estimate(request, MediaRules.Anthropic);
        var xai = RequestTokenEstimate.Estimate(request, MediaRules.Xai);

        Assert.Multiple(() =>
        {
            Assert.That(claude, Is.EqualTo(RequestTokenEstimate.MessageTokens + 86), "320 x 200 / 750 = 85.3");
            Assert.That(xai, Is.EqualTo(RequestTokenEstimate.MessageTokens + 256), "xAI documents 256 to 1,792 per image: the least is counted");
        });
    }

    [Test]
    public void Estimate_ClaudeWideImage_ScaledToTheLongEdgeFirst()
    {
        var image = ChatContentPart.FromImage(TestMedia.Wide8100Png, "image/png");

        Assert.That(MediaRules.Anthropic.ImageTokens(image), Is.EqualTo((long)Math.Ceiling(1568.0 * (12 * 1568.0 / 8100) / 750)));
    }

    [Test]
    public void Estimate_ImageByAddress_TheLeastAnImageCosts()
    {
        var image = ChatContentPart.FromImage(new Uri("https://telemetry.example/plot.png"));

        Assert.Multiple(() =>
        {
            Assert.That(MediaRules.Anthropic.ImageTokens(image), Is.Zero);
            Assert.That(MediaRules.Xai.ImageTokens(image), Is.EqualTo(256));
            Assert.That(MediaRules.OpenAICompatible.ImageTokens(image), Is.EqualTo(85));
        });
    }

    [Test]
    public void Estimate_Pdf_PagesTimes1500()
    {
        var request = new ChatRequest([ChatMessage.FromUser(ChatContentPart.FromPdf(TestMedia.ProcedurePdf))]);

        Assert.That(RequestTokenEstimate.Estimate(request, MediaRules.Anthropic), Is.EqualTo(RequestTokenEstimate.MessageTokens + (2 * RequestTokenEstimate.PdfPageTokens)));
    }

    [Test]
    public void Estimate_ToolsCallsAndSchema_Counted()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"channel":{"type":"string"}}}""");
        var call = ChatToolCall.Parse("call_1", "read_sensor", """{"channel":"battery_b_temp"}""");
        var request = new ChatRequest([ChatMessage.FromUser("Read it."), ChatMessage.FromToolCalls([call]), ChatMessage.FromToolResult("call_1", "29.3")])
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement),
        };
        request.Tools.Add(new ChatToolDefinition("read_sensor", "Reads a channel.", schema.RootElement));

        var estimate = RequestTokenEstimate.Estimate(request, MediaRules.Xai);

        var expected = (3 * RequestTokenEstimate.MessageTokens)
            + TextTokenCounter.Count("Read it.") + TextTokenCounter.Count("read_sensor") + TextTokenCounter.Count(call.ArgumentsJson) + TextTokenCounter.Count("29.3")
            + TextTokenCounter.Count("read_sensor") + TextTokenCounter.Count("Reads a channel.") + (2 * TextTokenCounter.Count(schema.RootElement.GetRawText()));
        Assert.That(estimate, Is.EqualTo(expected));
    }

    [Test]
    public void UpperBound_NeverBelowTheEstimate()
    {
        var request = new ChatRequest([ChatMessage.FromSystem("Rules: é ü テ"), ChatMessage.FromUser("Plot:", TestMedia.PlotImage()), ChatMessage.FromAssistant(TelemetryText.Csv(200))]);

        var estimate = RequestTokenEstimate.Estimate(request, MediaRules.Anthropic);
        var quick = RequestTokenEstimate.UpperBound(request, MediaRules.Anthropic, exact: false);
        var exact = RequestTokenEstimate.UpperBound(request, MediaRules.Anthropic, exact: true);

        Assert.Multiple(() =>
        {
            Assert.That(exact, Is.GreaterThanOrEqualTo(estimate));
            Assert.That(quick, Is.GreaterThanOrEqualTo(exact!.Value));
        });
    }

    [Test]
    public void UpperBound_PdfOrUnboundedImage_None()
    {
        var pdf = new ChatRequest([ChatMessage.FromUser(ChatContentPart.FromPdf(TestMedia.ProcedurePdf))]);
        var image = new ChatRequest([ChatMessage.FromUser(TestMedia.PlotImage())]);

        Assert.Multiple(() =>
        {
            Assert.That(RequestTokenEstimate.UpperBound(pdf, MediaRules.Anthropic, exact: true), Is.Null);
            Assert.That(RequestTokenEstimate.UpperBound(image, MediaRules.OpenAICompatible, exact: true), Is.Null);
            Assert.That(RequestTokenEstimate.UpperBound(image, MediaRules.Xai, exact: true), Is.EqualTo(RequestTokenEstimate.MaxMessageTokens + 1792));
        });
    }
}
