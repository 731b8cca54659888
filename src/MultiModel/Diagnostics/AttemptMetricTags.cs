using System.Diagnostics;

namespace MultiModel.Diagnostics;

/// <summary>The low-cardinality attributes shared by the measurements of one provider call.</summary>
internal readonly record struct AttemptMetricTags(string Chain, string Provider, string System, string? RequestModel, string? ServerAddress, int? ServerPort)
{
    public TagList ToTagList(string? responseModel)
    {
        var tags = new TagList
        {
            { TelemetryTags.OperationName, TelemetryTags.Chat },
            { TelemetryTags.ProviderSystem, System },
            { TelemetryTags.ProviderName, Provider },
            { TelemetryTags.ChainName, Chain },
        };
        if (RequestModel is not null)
        {
            tags.Add(TelemetryTags.RequestModel, RequestModel);
        }

        if (responseModel is not null)
        {
            tags.Add(TelemetryTags.ResponseModel, responseModel);
        }

        if (ServerAddress is not null)
        {
            tags.Add(TelemetryTags.ServerAddress, ServerAddress);
            if (ServerPort is { } port)
            {
                tags.Add(TelemetryTags.ServerPort, port);
            }
        }

        return tags;
    }
}
