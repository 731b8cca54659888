using System.Diagnostics;

namespace MultiModel.Diagnostics;

/// <summary>The telemetry of one started attempt, kept on its record: its span (when traced) and its metric attributes.</summary>
/// <param name="Span">The attempt's span, or <see langword="null"/> when nothing traces it.</param>
/// <param name="Tags">The attempt's metric attributes.</param>
internal sealed record AttemptTelemetry(Activity? Span, AttemptMetricTags Tags);
