using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Painterly.Core.Models;
using Painterly.Core.Styles;
using Painterly.Core.Stylizing;
using Painterly.Onnx;

namespace Painterly.Cli;

/// <summary>Turns <c>--style</c> and <c>--runtime</c> into a running engine.</summary>
internal static class StyleEngineFactory
{
    /// <summary>The values of <c>--runtime</c>; the first is the default.</summary>
    public static readonly string[] Runtimes = ["onnx", "torch"];

    /// <summary>The <c>--precision</c> option: int8 convolutions where the model carries a calibration, by default.</summary>
    public static Option<string> PrecisionOption()
    {
        var precision = new Option<string>("--precision")
        {
            Description = "auto: int8 convolutions where the model file carries an int8 calibration (ONNX runtime), else fp32; " +
                "fp32: the exact network; int8: calibrate now if the file has none (about a second).",
            DefaultValueFactory = _ => "auto",
        };
        precision.AcceptOnlyFromAmong("auto", "fp32", "int8");
        return precision;
    }

    /// <summary>
    /// Loads the style (built-in name, <c>.safetensors</c> or <c>.onnx</c> file) on the runtime.
    /// <paramref name="config"/> is null for an ONNX file, whose network Painterly does not know.
    /// </summary>
    public static IStyleEngine Create(string runtime, string precision, string? style, StyleCatalog catalog, out StyleNetConfig? config, out string network)
    {
        if (precision == "int8" && runtime != "onnx")
        {
            throw new UserException("--precision int8 runs on --runtime onnx only.", ExitCodes.Usage);
        }

        if (style is not null && style.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && File.Exists(style))
        {
            if (runtime != "onnx")
            {
                throw new UserException($"{style} is an ONNX file: it runs with --runtime onnx only.", ExitCodes.Usage);
            }

            if (precision != "auto")
            {
                throw new UserException($"{style} is an ONNX file and runs as it is: --precision applies to .safetensors models (export --int8 for an int8 ONNX file).", ExitCodes.Usage);
            }

            config = null;
            network = "ONNX file";
            return OnnxStylizer.FromFile(style);
        }

        if (style is not null && Path.Exists(style))
        {
            ModelFileKind.RequireStyleModel(style);
        }

        var model = catalog.Resolve(style);
        config = model.Config;
        network = model.Config.Describe();
        if (runtime == "onnx")
        {
            var onnx = new OnnxStylizer(model, new OnnxStylizerOptions { Precision = ParsePrecision(precision) });
            if (onnx.Int8Calibration is { } int8)
            {
                network += $", int8 in {int8.Convs.Count} of {StyleNetArchitecture.Stages(model.Config).Count} convolution stages";
            }

            return onnx;
        }

        return runtime switch
        {
            "torch" => CreateTorchEngine(model),
            _ => throw new UserException($"unknown runtime '{runtime}'.", ExitCodes.Usage),
        };
    }

    private static OnnxPrecision ParsePrecision(string precision) => precision switch
    {
        "fp32" => OnnxPrecision.FullPrecision,
        "int8" => OnnxPrecision.Quantized,
        _ => OnnxPrecision.Auto,
    };

    // In its own method so that choosing ONNX never JIT-compiles a reference to TorchSharp.
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SuppressMessage("Performance", "CA1859", Justification = "Naming TorchStylizer in a signature would load TorchSharp for every runtime.")]
    private static IStyleEngine CreateTorchEngine(StyleModel model) => new Painterly.Torch.Networks.TorchStylizer(model);
}
