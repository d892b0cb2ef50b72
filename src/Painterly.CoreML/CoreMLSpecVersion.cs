using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML;

/// <summary>
/// The Core ML specification version a model needs: the lowest version whose features it uses. Apple's validator
/// does not check the declared version, so it is computed here from the model itself.
/// </summary>
public static class CoreMLSpecVersion
{
    /// <summary>iOS 11 / macOS 10.13: fixed-size image I/O and the classic layers.</summary>
    public const int Ios11 = 1;

    /// <summary>iOS 11.2 / macOS 10.13.2: float16 weights.</summary>
    public const int Ios11Point2 = 2;

    /// <summary>iOS 12 / macOS 10.14: flexible input sizes, quantized weights.</summary>
    public const int Ios12 = 3;

    /// <summary>iOS 13 / macOS 10.15: Clip and the other new layers, rank-N mapping, updatable models.</summary>
    public const int Ios13 = 4;

    /// <summary>iOS 14 / macOS 11: fractional and align-corners upsampling, int8 weights.</summary>
    public const int Ios14 = 5;

    /// <summary>The lowest specification version whose features <paramref name="model"/> uses.</summary>
    public static int Required(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int version = Ios11;
        if (model.IsUpdatable)
        {
            version = Math.Max(version, Ios13);
        }

        if (model.Description is { } description)
        {
            foreach (var feature in description.Input.Concat(description.Output))
            {
                version = Math.Max(version, Required(feature.Type));
            }
        }

        if (model.NeuralNetwork is { } network)
        {
            version = Math.Max(version, Required(network));
        }

        return version;
    }

    /// <summary>The operating systems that first run <paramref name="specificationVersion"/>.</summary>
    public static string OperatingSystems(int specificationVersion) => specificationVersion switch
    {
        <= 0 => "invalid (specificationVersion must be at least 1)",
        1 => "iOS 11, macOS 10.13",
        2 => "iOS 11.2, macOS 10.13.2",
        3 => "iOS 12, macOS 10.14",
        4 => "iOS 13, macOS 10.15",
        5 => "iOS 14, macOS 11",
        6 => "iOS 15, macOS 12",
        7 => "iOS 16, macOS 13",
        8 => "iOS 17, macOS 14",
        9 => "iOS 18, macOS 15",
        _ => $"newer than iOS 18 (specification version {specificationVersion})",
    };

    /// <summary>The specification version that <paramref name="ios"/> (11 to 14) first runs.</summary>
    public static int ForIos(int ios) => ios switch
    {
        11 => Ios11,
        12 => Ios12,
        13 => Ios13,
        14 => Ios14,
        _ => throw new ArgumentOutOfRangeException(nameof(ios), ios, "Expected iOS 11, 12, 13 or 14."),
    };

    private static int Required(FeatureType? type)
    {
        bool flexible = type?.TypeCase switch
        {
            FeatureType.TypeOneofCase.ImageType => type.ImageType.SizeFlexibilityCase != ImageFeatureType.SizeFlexibilityOneofCase.None,
            FeatureType.TypeOneofCase.MultiArrayType => type.MultiArrayType.ShapeFlexibilityCase != ArrayFeatureType.ShapeFlexibilityOneofCase.None,
            _ => false,
        };
        return flexible ? Ios12 : Ios11;
    }

    private static int Required(NeuralNetwork network)
    {
        int version = Ios11;
        if (network.ArrayInputShapeMapping != NeuralNetworkMultiArrayShapeMapping.Rank5ArrayMapping
            || network.ImageInputShapeMapping != NeuralNetworkImageShapeMapping.Rank5ImageMapping)
        {
            version = Ios13;
        }

        foreach (var layer in network.Layers)
        {
            version = Math.Max(version, Required(layer));
        }

        return version;
    }

    private static int Required(NeuralNetworkLayer layer)
    {
        int version = layer.LayerCase switch
        {
            NeuralNetworkLayer.LayerOneofCase.Clip => Ios13,
            NeuralNetworkLayer.LayerOneofCase.ReorganizeData when layer.ReorganizeData.Mode == ReorganizeDataLayerParams.Types.ReorganizationType.PixelShuffle => Ios14,
            NeuralNetworkLayer.LayerOneofCase.Upsample when layer.Upsample.FractionalScalingFactor.Count > 0
                || layer.Upsample.LinearUpsampleMode != UpsampleLayerParams.Types.LinearUpsampleMode.Default => Ios14,
            _ => Ios11,
        };
        if (layer.IsUpdatable)
        {
            version = Math.Max(version, Ios13);
        }

        foreach (var (_, weights) in LayerWeights.Of(layer))
        {
            version = Math.Max(version, Required(weights));
        }

        return version;
    }

    private static int Required(WeightParams weights)
    {
        if (weights.Int8RawValue.Length > 0)
        {
            return Ios14;
        }

        if (weights.RawValue.Length > 0 || weights.Quantization is not null)
        {
            return Ios12;
        }

        return weights.Float16Value.Length > 0 ? Ios11Point2 : Ios11;
    }
}
