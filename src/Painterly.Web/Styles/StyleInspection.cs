using Painterly.Core.Models;
using Painterly.Core.Styles;
using Painterly.Onnx;

namespace Painterly.Web.Styles;

/// <summary>What an app developer needs to know about a style's browser model (GET /api/styles/{id}/inspect).</summary>
/// <param name="Id">The style id.</param>
/// <param name="Description">One line about the style.</param>
/// <param name="Channels">StyleNet width (classic: the first layer; mobile: every layer at 1/4 side).</param>
/// <param name="ResidualBlocks">Residual blocks at the bottleneck.</param>
/// <param name="Upsample">Upsampling kind.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="OnnxBytes">Size of model.onnx.</param>
/// <param name="Opset">ONNX opset imports.</param>
/// <param name="Inputs">Graph inputs, e.g. <c>image: uint8 [1, height, width, 4]</c>.</param>
/// <param name="Outputs">Graph outputs.</param>
/// <param name="Nodes">Node count.</param>
/// <param name="Operators">Operator histogram.</param>
/// <param name="Metadata">Model card metadata stored in the ONNX file.</param>
public sealed record StyleInspection(
    string Id,
    string Description,
    int Channels,
    int ResidualBlocks,
    string Upsample,
    long Parameters,
    long OnnxBytes,
    IReadOnlyList<string> Opset,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    int Nodes,
    IReadOnlyDictionary<string, int> Operators,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The network form: <c>classic</c> or <c>mobile</c>.</summary>
    public string Form { get; init; } = "classic";

    /// <summary>Summarizes <paramref name="style"/>'s model and its pixel-IO export.</summary>
    public static StyleInspection Of(BuiltInStyle style, StyleModel model, byte[] pixelModel)
    {
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pixelModel);
        var onnx = OnnxModelReader.Read(pixelModel, $"{style.Name}.onnx");
        return new StyleInspection(
            style.Name,
            style.Description,
            model.Config.Channels,
            model.Config.ResidualBlocks,
            model.Config.Upsample.ToString().ToLowerInvariant(),
            model.ParameterCount,
            pixelModel.LongLength,
            [.. onnx.OpsetImports.Select(o => o.ToString())],
            [.. onnx.Inputs.Select(v => v.ToString())],
            [.. onnx.Outputs.Select(v => v.ToString())],
            onnx.NodeCount,
            onnx.OpHistogram,
            onnx.Metadata)
        {
            Form = model.Config.Form.ToString().ToLowerInvariant(),
        };
    }
}
