using System.Globalization;
using Painterly.Core.Models;
using Painterly.Core.PyTorch;

namespace Painterly.Cli.Inspection;

/// <summary>
/// Describes a PyTorch checkpoint without PyTorch (and without running anything in it): every tensor, and the
/// StyleNet config when it is a pytorch/examples TransformerNet.
/// </summary>
internal static class TorchCheckpointInspector
{
    public static InspectReport Inspect(string path)
    {
        var tensors = TorchCheckpointReader.Inspect(path);
        var facts = new List<KeyValuePair<string, string>>();
        try
        {
            var model = TorchCheckpointReader.ReadStyleModel(path);
            facts.Add(new("network", "StyleNet (pytorch/examples TransformerNet)"));
            facts.Add(new("channels", model.Config.Channels.ToString(CultureInfo.InvariantCulture)));
            facts.Add(new("residual blocks", model.Config.ResidualBlocks.ToString(CultureInfo.InvariantCulture)));
            facts.Add(new("upsample", model.Config.Upsample.ToString().ToLowerInvariant()));
            int stale = tensors.Count - model.Weights.Count;
            if (stale > 0)
            {
                facts.Add(new("unused", $"{stale} stale InstanceNorm running statistics (ignored on conversion)"));
            }
        }
        catch (InvalidDataException e)
        {
            facts.Add(new("network", $"not a StyleNet ({e.Message})"));
        }

        facts.Add(new("tensors", tensors.Count.ToString(CultureInfo.InvariantCulture)));
        facts.Add(new("parameters", tensors.Sum(t => t.ElementCount).ToString("N0", CultureInfo.InvariantCulture)));
        facts.Add(new("dtypes", string.Join(", ", tensors.GroupBy(t => t.DType).Select(g => $"{g.Key.ToHeaderName()} x{g.Count()}"))));
        var rows = tensors
            .Select(t => (IReadOnlyList<string>)[t.Name, t.DType.ToHeaderName(), $"[{string.Join(", ", t.Shape)}]", t.ElementCount.ToString("N0", CultureInfo.InvariantCulture)])
            .ToList();
        return new InspectReport(path, "pytorch checkpoint", facts, [new InspectTable("tensors", ["name", "dtype", "shape", "elements"], rows)], new Dictionary<string, string>());
    }
}
