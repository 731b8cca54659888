using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Abstractions;

[Parallelizable(ParallelScope.All)]
public class ChatContentPartTests
{
    private static IEnumerable<TestCaseData> Images()
    {
        yield return new TestCaseData(TestMedia.PlotPng, "image/png", 320, 200).SetArgDisplayNames("png");
        yield return new TestCaseData(TestMedia.PlotJpeg, "image/jpeg", 320, 200).SetArgDisplayNames("jpeg");
        yield return new TestCaseData(TestMedia.PlotGif, "image/gif", 320, 200).SetArgDisplayNames("gif");
        yield return new TestCaseData(TestMedia.PlotWebp, "image/webp", 320, 200).SetArgDisplayNames("webp-lossy");
        yield return new TestCaseData(TestMedia.PlotWebpLossless, "image/webp", 320, 200).SetArgDisplayNames("webp-lossless");
        yield return new TestCaseData(TestMedia.AlphaWebp, "image/webp", 64, 48).SetArgDisplayNames("webp-extended");
        yield return new TestCaseData(TestMedia.Wide8100Png, "image/png", 8100, 12).SetArgDisplayNames("png-wide");
        yield return new TestCaseData(TestMedia.Wide2100Jpeg, "IMAGE/JPEG", 2100, 40).SetArgDisplayNames("jpeg-uppercase-type");
    }

    [TestCaseSource(nameof(Images))]
    public void FromImage_RealImage_ReadsSizeFromHeader(byte[] data, string mediaType, int width, int height)
    {
        var image = ChatContentPart.FromImage(data, mediaType);

        Assert.Multiple(() =>
        {
            Assert.That(image.Width, Is.EqualTo(width));
            Assert.That(image.Height, Is.EqualTo(height));
            Assert.That(image.MediaType, Is.EqualTo(mediaType.ToLowerInvariant()));
            Assert.That(image.Data.ToArray(), Is.EqualTo(data));
            Assert.That(image.Url, Is.Null);
        });
    }

    [Test]
    public void FromImage_JpegBytesDeclaredAsPng_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatContentPart.FromImage(TestMedia.PlotJpeg, "image/png"));

        Assert.That(ex!.Message, Does.Contain("JPEG").And.Contain("image/png"));
    }

    [Test]
    public void FromImage_PdfBytes_ThrowsNotAnImage()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatContentPart.FromImage(TestMedia.ProcedurePdf, "image/png"));

        Assert.That(ex!.Message, Does.Contain("not a JPEG, PNG, GIF or WebP image"));
    }

    [Test]
    public void FromImage_TruncatedPngHeader_ThrowsDamaged()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatContentPart.FromImage(TestMedia.PlotPng.AsMemory(0, 12), "image/png"));

        Assert.That(ex!.Message, Does.Contain("PNG header is damaged"));
    }

    [TestCase("image/bmp")]
    [TestCase("image/jpg")]
    [TestCase("application/pdf")]
    public void FromImage_UnsupportedMediaType_Throws(string mediaType)
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatContentPart.FromImage(TestMedia.PlotPng, mediaType));

        Assert.That(ex!.ParamName, Is.EqualTo("mediaType"));
    }

    [Test]
    public void FromImage_NoBytes_Throws()
    {
        Assert.That(() => ChatContentPart.FromImage(ReadOnlyMemory<byte>.Empty, "image/png"), Throws.ArgumentException.With.Message.Contains("no bytes"));
    }

    [Test]
    public void FromImage_HttpsUrl_KeepsAddressWithoutSizeOrType()
    {
        var image = ChatContentPart.FromImage(new Uri("https://telemetry.example/plots/pass-42.png"));

        Assert.Multiple(() =>
        {
            Assert.That(image.Url, Is.EqualTo(new Uri("https://telemetry.example/plots/pass-42.png")));
            Assert.That(image.MediaType, Is.Null);
            Assert.That(image.Width, Is.Null);
            Assert.That(image.Data.IsEmpty, Is.True);
        });
    }

    [TestCase("http://telemetry.example/plot.png")]
    [TestCase("ftp://telemetry.example/plot.png")]
    [TestCase("file:///tmp/plot.png")]
    public void FromImage_NotHttps_Throws(string url)
    {
        Assert.That(() => ChatContentPart.FromImage(new Uri(url)), Throws.ArgumentException.With.Message.Contains("not an absolute https address"));
    }

    [Test]
    public void FromImage_UrlWithCredentials_MessageHidesThem()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatContentPart.FromImage(new Uri("http://user:s3cret@telemetry.example/plot.png")));

        Assert.That(ex!.Message, Does.Not.Contain("s3cret"));
    }

    [Test]
    public void FromPdf_RealPdf_CountsItsPages()
    {
        var pdf = ChatContentPart.FromPdf(TestMedia.ProcedurePdf, "Battery procedure");

        Assert.Multiple(() =>
        {
            Assert.That(pdf.IsPdf, Is.True);
            Assert.That(pdf.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(pdf.Title, Is.EqualTo("Battery procedure"));
            Assert.That(pdf.PdfPages, Is.EqualTo(2));
            Assert.That(pdf.ToString(), Is.EqualTo("PDF (935 B) \"Battery procedure\""));
        });
    }

    [Test]
    public void FromPdf_PngBytes_Throws()
    {
        Assert.That(() => ChatContentPart.FromPdf(TestMedia.PlotPng), Throws.ArgumentException.With.Message.Contains("%PDF-"));
    }

    [Test]
    public void FromTextDocument_Text_IsPlainTextDocument()
    {
        var document = ChatContentPart.FromTextDocument("line 1\nline 2", "  ");

        Assert.Multiple(() =>
        {
            Assert.That(document.IsPdf, Is.False);
            Assert.That(document.MediaType, Is.EqualTo("text/plain"));
            Assert.That(document.Title, Is.Null, "a blank title is no title");
            Assert.That(document.PdfPages, Is.Zero);
        });
    }

    [Test]
    public void FromReasoning_NothingAtAll_Throws()
    {
        Assert.That(() => ChatContentPart.FromReasoning(string.Empty), Throws.ArgumentException);
    }

    [Test]
    public void FromRedactedReasoning_Data_IsRedactedWithoutText()
    {
        var part = ChatContentPart.FromRedactedReasoning("EmwKAhgB");

        Assert.Multiple(() =>
        {
            Assert.That(part.IsRedacted, Is.True);
            Assert.That(part.Text, Is.Empty);
            Assert.That(part.ProtectedData, Is.EqualTo("EmwKAhgB"));
            Assert.That(ChatContentPart.FromReasoning(string.Empty, "sig").IsRedacted, Is.False, "a signed block with no text is not redacted");
        });
    }
}
