using System.Text.Json;
using System.Text.Json.Serialization;

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

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

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

    /// <summary>The config as the JSON stored in a model file's metadata.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates the JSON stored in a model file's metadata.</summary>
    public static StyleNetConfig FromJson(string json)
    {
        try
        {
            var config = JsonSerializer.Deserialize<StyleNetConfig>(json, JsonOptions)
                ?? throw new InvalidDataException("StyleNet config is null.");
            return config.Validate();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"StyleNet config is not valid JSON: {e.Message}", e);
        }
    }
}
