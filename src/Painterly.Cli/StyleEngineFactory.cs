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

    /// <summary>
    /// Loads the style (built-in name, <c>.safetensors</c> or <c>.onnx</c> file) on the runtime.
    /// <paramref name="config"/> is null for an ONNX file, whose network Painterly does not know.
    /// </summary>
    public static IStyleEngine Create(string runtime, string? style, StyleCatalog catalog, out StyleNetConfig? config, out string network)
    {
        if (style is not null && style.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && File.Exists(style))
        {
            if (runtime != "onnx")
            {
                throw new UserException($"{style} is an ONNX file: it runs with --runtime onnx only.", ExitCodes.Usage);
            }

            config = null;
            network = "ONNX file";
            return OnnxStylizer.FromFile(style);
        }

        var model = catalog.Resolve(style);
        config = model.Config;
        network = $"{model.Config.Channels} channels, {model.Config.ResidualBlocks} residual blocks";
        return runtime switch
        {
            "onnx" => new OnnxStylizer(model),
            "torch" => CreateTorchEngine(model),
            _ => throw new UserException($"unknown runtime '{runtime}'.", ExitCodes.Usage),
        };
    }

    // In its own method so that choosing ONNX never JIT-compiles a reference to TorchSharp.
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SuppressMessage("Performance", "CA1859", Justification = "Naming TorchStylizer in a signature would load TorchSharp for every runtime.")]
    private static IStyleEngine CreateTorchEngine(StyleModel model) => new Painterly.Torch.Networks.TorchStylizer(model);
}
