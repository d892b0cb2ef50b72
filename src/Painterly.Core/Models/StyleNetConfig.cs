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

/// <summary>Which network of the StyleNet family: the layer sequence comes from a different architecture type.</summary>
public enum StyleNetForm
{
    /// <summary>The pytorch/examples TransformerNet (<see cref="StyleNetArchitecture"/>).</summary>
    Classic,

    /// <summary>The fast network for browsers and phones (<see cref="MobileStyleNetArchitecture"/>).</summary>
    Mobile,
}

/// <summary>
/// The settings of the StyleNet family (the pytorch/examples TransformerNet, parameterised, and its mobile sibling).
/// </summary>
/// <param name="Channels">Classic: width of the first layer (the next two are 2x and 4x it). Mobile: width of every
/// layer at 1/4 resolution.</param>
/// <param name="ResidualBlocks">Residual blocks at the bottleneck.</param>
/// <param name="Upsample">How the classic decoder upsamples (the mobile form rearranges depth to space instead).</param>
/// <param name="Form">Which network.</param>
public sealed record StyleNetConfig(int Channels = 32, int ResidualBlocks = 5, StyleNetUpsample Upsample = StyleNetUpsample.Nearest, StyleNetForm Form = StyleNetForm.Classic)
{
    /// <summary>The pytorch/examples network: 32 channels, 5 residual blocks, nearest upsampling.</summary>
    public static StyleNetConfig Default { get; } = new();

    /// <summary>
    /// The mobile network the built-in <c>-mobile</c> styles use: 48 channels at 1/4 side, 4 blocks. Chosen by
    /// measurement in headless Chromium (WASM, 512x512, docs/performance.md): 64 channels x 5 blocks ran 13x faster
    /// than the official network, 48 x 3 25x, 32 x 5 29x (fewer channels than the 48 of a 4x4 RGB block loses detail).
    /// </summary>
    public static StyleNetConfig Mobile { get; } = new(48, 4, Form: StyleNetForm.Mobile);

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

        if (!Enum.IsDefined(Form))
        {
            throw new InvalidDataException($"Unknown StyleNet form {Form}.");
        }

        return this;
    }

    // Written and read by hand rather than with JsonSerializer, whose first use costs ~40 ms of every command's start.

    /// <summary>
    /// The config as the JSON stored in a model file's metadata, e.g. <c>{"channels":32,"residualBlocks":5,"upsample":"nearest"}</c>;
    /// a mobile network adds <c>"form":"mobile"</c> (a classic one leaves it out, as files written before the mobile form).
    /// </summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $$"""{"channels":{{Channels}},"residualBlocks":{{ResidualBlocks}},"upsample":"{{Lower(Upsample)}}"{{(Form == StyleNetForm.Classic ? "" : $",\"form\":\"{Lower(Form)}\"")}}}""");

    /// <summary>A short description: <c>16 channels, 5 residual blocks</c>, or <c>mobile, 64 channels, 5 residual blocks</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(Form == StyleNetForm.Classic ? "" : Lower(Form) + ", ")}{Channels} channels, {ResidualBlocks} residual blocks");

    private static string Lower<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

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
                    "upsample" => config with { Upsample = ParseEnum<StyleNetUpsample>(property, "upsample mode", "\"nearest\" or \"transposed\"") },
                    "form" => config with { Form = ParseEnum<StyleNetForm>(property, "form", "\"classic\" or \"mobile\"") },
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

    private static T ParseEnum<T>(JsonProperty property, string what, string expected)
        where T : struct, Enum
    {
        string? name = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new InvalidDataException($"StyleNet config has an unknown {what} {property.Value.GetRawText()}; expected {expected}.");
    }
}
