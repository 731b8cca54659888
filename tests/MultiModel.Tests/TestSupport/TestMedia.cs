namespace MultiModel.Tests.TestSupport;

/// <summary>Real image and PDF files made for these tests (a 320 x 200 telemetry plot in four formats, two oversized images, a two-page PDF).</summary>
internal static class TestMedia
{
    public static byte[] PlotPng => Read("plot.png");

    public static byte[] PlotJpeg => Read("plot.jpg");

    public static byte[] PlotGif => Read("plot.gif");

    /// <summary>Gets the plot as lossy WebP (a <c>VP8</c> chunk).</summary>
    public static byte[] PlotWebp => Read("plot.webp");

    /// <summary>Gets the plot as lossless WebP (a <c>VP8L</c> chunk).</summary>
    public static byte[] PlotWebpLossless => Read("plot-lossless.webp");

    /// <summary>Gets a 64 x 48 WebP with transparency (a <c>VP8X</c> chunk).</summary>
    public static byte[] AlphaWebp => Read("alpha.webp");

    /// <summary>Gets an 8100 x 12 PNG: wider than Claude's 8000 pixels.</summary>
    public static byte[] Wide8100Png => Read("wide-8100.png");

    /// <summary>Gets a 2100 x 40 JPEG: wider than the 2000 pixels Claude allows when a request holds more than 20 images.</summary>
    public static byte[] Wide2100Jpeg => Read("wide-2100.jpg");

    /// <summary>Gets a two-page PDF (a battery procedure).</summary>
    public static byte[] ProcedurePdf => Read("procedure.pdf");

    public static ChatImagePart PlotImage() => ChatContentPart.FromImage(PlotPng, "image/png");

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Media", name));
}
