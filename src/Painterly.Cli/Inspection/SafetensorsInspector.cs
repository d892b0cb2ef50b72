using System.Globalization;
using Painterly.Core.Models;
using Painterly.Onnx;

namespace Painterly.Cli.Inspection;

/// <summary>Describes a <c>.safetensors</c> file: the StyleNet config when it is one, and every tensor.</summary>
internal static class SafetensorsInspector
{
    public static InspectReport Inspect(string path)
    {
        using var file = SafetensorsFile.Open(path);
        var facts = new List<KeyValuePair<string, string>>();
        string format = "safetensors";
        try
        {
            var model = StyleModelFile.Load(file);
            format = file.Metadata.ContainsKey("format") ? "safetensors (painterly.stylenet)" : "safetensors (pytorch/examples TransformerNet)";
            bool mobile = model.Config.Form == StyleNetForm.Mobile;
            facts.Add(new("network", mobile ? "StyleNet, mobile form (every convolution at 1/4 side)" : "StyleNet (pytorch/examples TransformerNet)"));
            facts.Add(new("channels", model.Config.Channels.ToString(CultureInfo.InvariantCulture)));
            facts.Add(new("residual blocks", model.Config.ResidualBlocks.ToString(CultureInfo.InvariantCulture)));
            if (!mobile)
            {
                facts.Add(new("upsample", model.Config.Upsample.ToString().ToLowerInvariant()));
            }

            facts.Add(new("input", "image: float32 RGB 0-255 [1,3,H,W], H and W multiples of 4"));
            facts.Add(new("output", "stylized: float32 RGB [1,3,H,W], clamped to 0-255"));
            facts.Add(new("int8", Int8Summary(model)));
        }
        catch (InvalidDataException e)
        {
            facts.Add(new("network", $"not a StyleNet ({e.Message})"));
        }

        long parameters = file.Tensors.Sum(t => t.ElementCount);
        long bytes = file.Tensors.Sum(t => t.ByteLength);
        var dtypes = file.Tensors.GroupBy(t => t.DType).Select(g => $"{g.Key.ToHeaderName()} x{g.Count()}");
        facts.Add(new("tensors", file.Tensors.Count.ToString(CultureInfo.InvariantCulture)));
        facts.Add(new("parameters", parameters.ToString("N0", CultureInfo.InvariantCulture)));
        facts.Add(new("weight bytes", bytes.ToString("N0", CultureInfo.InvariantCulture)));
        facts.Add(new("dtypes", string.Join(", ", dtypes)));

        var rows = file.Tensors
            .Select(t => (IReadOnlyList<string>)[t.Name, t.DType.ToHeaderName(), $"[{string.Join(", ", t.Shape)}]", t.ElementCount.ToString("N0", CultureInfo.InvariantCulture)])
            .ToList();
        var table = new InspectTable("tensors", ["name", "dtype", "shape", "elements"], rows);
        // The calibration is summarised above; its JSON would only make the metadata table unreadable.
        var metadata = file.Metadata.Where(m => m.Key != OnnxInt8Calibration.MetadataKey).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        return new InspectReport(path, format, facts, [table], metadata);
    }

    private static string Int8Summary(StyleModel model)
    {
        try
        {
            var int8 = OnnxInt8Calibration.ReadFrom(model);
            return int8 is null
                ? (model.Info.Extra.ContainsKey(OnnxInt8Calibration.MetadataKey) ? "calibration made for other weights: ignored (export --int8 to recalibrate)" : "no calibration (stylize runs fp32)")
                : $"{int8.Convs.Count} of {StyleNetArchitecture.Stages(model.Config).Count} convolution stages ({string.Join(", ", int8.Convs.Keys)}), {int8.PsnrDb:F1} dB on the test scenes";
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }
}
