using System.Globalization;
using System.Text.Json;

namespace Painterly.Core.Models;

/// <summary>How a StyleNet doubles its resolution on the way back up.</summary>
public enum StyleNetUpsample
{
    /// <summary>Nearest-neighbour x2 then a reflection-padded 3x3 conv (pytorch/examples; no checkerboard).</summary>
    Nearest,

    /// <summary>A 3x3 transposed convolution with stride 2.</summary>
    Transposed,
}

/// <summary>
/// The settings of the StyleNet family (the pytorch/examples TransformerNet, parameterised).
/// </summary>
/// <param name="Channels">Width of the first layer; the next two are 2x and 4x it.</param>
/// <param name="ResidualBlocks">Residual blocks at the bottleneck.</param>
/// <param name="Upsample">How the decoder upsamples.</param>
public sealed record StyleNetConfig(int Channels = 32, int ResidualBlocks = 5, StyleNetUpsample Upsample = StyleNetUpsample.Nearest)
{
    /// <summary>The pytorch/examples network: 32 channels, 5 residual blocks, nearest upsampling.</summary>
    public static StyleNetConfig Default { get; } = new();

    /// <summary>Largest width accepted; guards allocations driven by a config read from a file.</summary>
    public const int MaxChannels = 256;

    /// <summary>Largest residual block count accepted.</summary>
    public const int MaxResidualBlocks = 32;

    /// <summary>Throws <see cref="InvalidDataException"/> when a setting is out of range.</summary>
    public StyleNetConfig Validate()
    {
        if (Channels < 1 || Channels > MaxChannels)
        {
            throw new InvalidDataException($"StyleNet channels must be 1..{MaxChannels}, got {Channels}.");
        }

        if (ResidualBlocks < 0 || ResidualBlocks > MaxResidualBlocks)
        {
            throw new InvalidDataException($"StyleNet residual blocks must be 0..{MaxResidualBlocks}, got {ResidualBlocks}.");
        }

        if (!Enum.IsDefined(Upsample))
        {
            throw new InvalidDataException($"Unknown StyleNet upsample mode {Upsample}.");
        }

        return this;
    }

    // Written and read by hand rather than with JsonSerializer, whose first use costs ~40 ms of every command's start.

    /// <summary>The config as the JSON stored in a model file's metadata, e.g. <c>{"channels":32,"residualBlocks":5,"upsample":"nearest"}</c>.</summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $$"""{"channels":{{Channels}},"residualBlocks":{{ResidualBlocks}},"upsample":"{{JsonNamingPolicy.CamelCase.ConvertName(Upsample.ToString())}}"}""");

    /// <summary>Parses and validates the JSON stored in a model file's metadata; settings it lacks keep their defaults.</summary>
    public static StyleNetConfig FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"StyleNet config must be a JSON object, got {document.RootElement.ValueKind}.");
            }

            var config = new StyleNetConfig();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                config = property.Name switch
                {
                    "channels" => config with { Channels = ParseInt(property) },
                    "residualBlocks" => config with { ResidualBlocks = ParseInt(property) },
                    "upsample" => config with { Upsample = ParseUpsample(property.Value) },
                    _ => config,
                };
            }

            return config.Validate();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"StyleNet config is not valid JSON: {e.Message}", e);
        }
    }

    private static int ParseInt(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out int value)
            ? value
            : throw new InvalidDataException($"StyleNet config '{property.Name}' must be an integer, got {property.Value.GetRawText()}.");

    private static StyleNetUpsample ParseUpsample(JsonElement value)
    {
        string? name = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        foreach (var mode in Enum.GetValues<StyleNetUpsample>())
        {
            if (string.Equals(mode.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw new InvalidDataException($"StyleNet config has an unknown upsample mode {value.GetRawText()}; expected \"nearest\" or \"transposed\".");
    }
}
