using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// Recognises an ONNX graph exported by PyTorch from a pytorch/examples TransformerNet (any opset torch writes,
/// 9 to 17) and turns it back into a <see cref="StyleModel"/>, so the normal exporters can write clean models.
/// The data path (everything computed from the graph input) must be exactly a StyleNet's: reflection Pad, Conv,
/// InstanceNormalization, Relu, residual Add, nearest Upsample/Resize or ConvTranspose (or, for the mobile form,
/// SpaceToDepth, grouped Conv and DepthToSpace); constant plumbing (the pads and scales subgraphs) is ignored. Weights come from the pytorch/examples parameter names when the
/// initializers carry them, else from the Conv and InstanceNormalization nodes in order.
/// </summary>
public static class OnnxStyleNetImporter
{
    private static readonly HashSet<string> DataPathOps = new(StringComparer.Ordinal)
    {
        "Pad", "Conv", "ConvTranspose", "InstanceNormalization", "Relu", "Add", "Upsample", "Resize", "Identity", "SpaceToDepth", "DepthToSpace",
    };

    /// <summary>The StyleNet in <paramref name="graph"/>, or null with <paramref name="whyNot"/> saying what differs.</summary>
    /// <exception cref="InvalidDataException">The graph is shaped like a StyleNet but its weights are inconsistent.</exception>
    public static OnnxStyleNetImport? TryImport(OnnxGraph graph, string sourceName, out string whyNot)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            whyNot = $"it has {graph.Inputs.Count} inputs and {graph.Outputs.Count} outputs; a StyleNet has one of each";
            return null;
        }

        var path = DataPath(graph, graph.Inputs[0].Name);

        // Painterly's own exports (and many PyTorch ones) end in a clamp to 0-255, which any StyleNet output gets
        // on its way to an image anyway: the network is what comes before it.
        var clamp = path.Count > 0 && path[^1].OpType == "Clip" ? path[^1] : null;
        if (clamp is not null)
        {
            path.RemoveAt(path.Count - 1);
        }

        var unexpected = path.FirstOrDefault(n => !DataPathOps.Contains(n.OpType) || n.Domain is not ("" or "ai.onnx"));
        if (unexpected is not null)
        {
            whyNot = $"node '{unexpected.Label}' ({unexpected.OpType}) is not part of a StyleNet";
            return null;
        }

        var convs = path.Where(n => n.OpType is "Conv" or "ConvTranspose").ToList();
        var norms = path.Where(n => n.OpType == "InstanceNormalization").ToList();
        bool mobile = path.Any(n => n.OpType == "SpaceToDepth");
        var (blocks, wantNorms) = mobile ? ((convs.Count - 2) / 4, 1 + ((convs.Count - 2) / 2)) : ((convs.Count - 6) / 2, convs.Count - 1);
        bool convCountFits = mobile ? convs.Count >= 2 && (convs.Count - 2) % 4 == 0 : convs.Count >= 6 && convs.Count % 2 == 0;
        if (!convCountFits || norms.Count != wantNorms || path.Count(n => n.OpType == "Add") != blocks)
        {
            whyNot = $"its {convs.Count} convolutions, {norms.Count} instance norms and residual adds do not match a StyleNet's";
            return null;
        }

        // A node may list no outputs at all (the ONNX checker allows it): never index them blindly.
        string networkOutput = clamp is null ? graph.Outputs[0].Name : clamp.Outputs.ElementAtOrDefault(0) == graph.Outputs[0].Name ? clamp.Inputs[0] : "";
        // The mobile form ends in a DepthToSpace after its last convolution.
        var last = mobile && path[^1].OpType == "DepthToSpace" ? path[^1] : convs[^1];
        if (path[^1] != last || last.Outputs.ElementAtOrDefault(0) != networkOutput)
        {
            whyNot = "its output is not the last convolution's";
            return null;
        }

        var aliases = Aliases(graph);
        if (!TryTensor(graph, aliases, convs[0].Inputs.ElementAtOrDefault(1), out var first) || first.Shape.Count != 4)
        {
            whyNot = "its first convolution's weight is not a constant";
            return null;
        }

        bool transposed = convs.Any(c => c.OpType == "ConvTranspose");
        var config = new StyleNetConfig((int)first.Shape[0], blocks, transposed ? StyleNetUpsample.Transposed : StyleNetUpsample.Nearest, mobile ? StyleNetForm.Mobile : StyleNetForm.Classic);
        try
        {
            config.Validate();
        }
        catch (InvalidDataException e)
        {
            whyNot = e.Message;
            return null;
        }

        var stages = StyleNetArchitecture.Stages(config);
        string? mismatch = CheckStages(stages, convs, norms) ?? CheckRearrangements(stages, path);
        if (mismatch is not null)
        {
            whyNot = mismatch;
            return null;
        }

        whyNot = "";
        var byName = ByParameterNames(graph, aliases, config);
        var tensors = byName ?? ByStructure(graph, aliases, stages, convs, norms, sourceName);
        if (byName is null)
        {
            ToColourFirst(tensors, stages, path);
        }

        // The mobile form has no pytorch/examples state_dict to infer from; the graph already said which config it is.
        var model = mobile ? NewModel(config, tensors, sourceName) : StateDictStyleModel.FromTensors(tensors, sourceName);
        return new OnnxStyleNetImport(model, byName is null ? OnnxStyleNetImportMethod.GraphStructure : OnnxStyleNetImportMethod.ParameterNames);
    }

    /// <summary>The nodes whose value depends on <paramref name="input"/>; Shape ends the dependency (its output is a size).</summary>
    private static List<OnnxNode> DataPath(OnnxGraph graph, string input)
    {
        var data = new HashSet<string>(StringComparer.Ordinal) { input };
        var path = new List<OnnxNode>();
        foreach (var node in graph.Nodes)
        {
            if (node.OpType != "Shape" && node.Inputs.Any(data.Contains))
            {
                path.Add(node);
                data.UnionWith(node.Outputs);
            }
        }

        return path;
    }

    private static string? CheckStages(IReadOnlyList<StyleNetStage> stages, List<OnnxNode> convs, List<OnnxNode> norms)
    {
        int norm = 0;
        for (int i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var conv = convs[i];
            bool wantTransposed = stage.Upsample == StyleNetUpsample.Transposed;
            if ((conv.OpType == "ConvTranspose") != wantTransposed)
            {
                return $"node '{conv.Label}' is a {conv.OpType} where a StyleNet has a {(wantTransposed ? "ConvTranspose" : "Conv")}";
            }

            long stride = wantTransposed ? 2 : stage.Stride;
            if (conv.IntsAttribute("strides") is { } strides && strides.Any(s => s != stride))
            {
                return $"node '{conv.Label}' has strides [{string.Join(", ", strides)}], a StyleNet's '{stage.Name}' has {stride}";
            }

            if (conv.IntAttribute("group", 1) != stage.Groups || (conv.IntsAttribute("dilations") ?? []).Any(d => d != 1))
            {
                return $"node '{conv.Label}' has {conv.IntAttribute("group", 1)} groups or is dilated, a StyleNet's '{stage.Name}' has {stage.Groups} groups";
            }

            long pad = wantTransposed ? stage.Kernel / 2 : 0;
            if ((conv.IntsAttribute("pads") ?? []).Any(p => p != pad))
            {
                return $"node '{conv.Label}' pads inside the convolution, a StyleNet pads with reflection first";
            }

            if (stage.Norm is not null && Math.Abs(norms[norm++].FloatAttribute("epsilon", 1e-5f) - StyleNetArchitecture.InstanceNormEpsilon) > 1e-7f)
            {
                return $"node '{norms[norm - 1].Label}' has an epsilon other than 1e-5";
            }
        }

        return null;
    }

    private static StyleModel NewModel(StyleNetConfig config, Dictionary<string, FloatTensor> tensors, string sourceName)
    {
        try
        {
            return new StyleModel(config, tensors);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{sourceName}': {e.Message}", e);
        }
    }

    /// <summary>Whether the graph's SpaceToDepth and DepthToSpace nodes are the mobile form's, in number and block size.</summary>
    private static string? CheckRearrangements(IReadOnlyList<StyleNetStage> stages, List<OnnxNode> path)
    {
        foreach (var (op, block) in new[] { ("SpaceToDepth", stages.Max(s => s.SpaceToDepth)), ("DepthToSpace", stages.Max(s => s.DepthToSpace)) })
        {
            var nodes = path.Where(n => n.OpType == op).ToList();
            if (nodes.Count != (block > 1 ? 1 : 0) || nodes.Any(n => n.IntAttribute("blocksize", 0) != block))
            {
                return $"its {op} nodes are not the mobile StyleNet's one with block size {block}";
            }

            if (nodes.FirstOrDefault(n => n.StringAttribute("mode", "DCR") is not ("DCR" or "CRD")) is { } odd)
            {
                return $"node '{odd.Label}' has an unknown mode";
            }
        }

        return null;
    }

    /// <summary>
    /// Weights read by structure next to a SpaceToDepth, or a DepthToSpace in DCR mode, are in the position-first
    /// channel order of those ops (<see cref="BlockChannelOrder"/>); the state_dict wants PyTorch's colour-first one.
    /// Tensors of the wrong shape are left for the model's own check to name.
    /// </summary>
    private static void ToColourFirst(Dictionary<string, FloatTensor> tensors, IReadOnlyList<StyleNetStage> stages, List<OnnxNode> path)
    {
        bool Fits(string name, int[] shape) => tensors[name].Shape.SequenceEqual(shape);
        var first = stages.FirstOrDefault(s => s.SpaceToDepth > 1);
        if (first is not null && Fits(first.WeightName, first.WeightShape))
        {
            int block = first.SpaceToDepth;
            tensors[first.WeightName] = BlockChannelOrder.ToColourFirst(tensors[first.WeightName], 1, first.InChannels / (block * block), block);
        }

        var last = stages.FirstOrDefault(s => s.DepthToSpace > 1);
        if (last is not null && Fits(last.WeightName, last.WeightShape) && Fits(last.BiasName, [last.OutChannels])
            && path.First(n => n.OpType == "DepthToSpace").StringAttribute("mode", "DCR") == "DCR")
        {
            tensors[last.WeightName] = BlockChannelOrder.ToColourFirst(tensors[last.WeightName], 0, last.ResultChannels, last.DepthToSpace);
            tensors[last.BiasName] = BlockChannelOrder.ToColourFirst(tensors[last.BiasName], 0, last.ResultChannels, last.DepthToSpace);
        }
    }

    /// <summary>Value names that are just another name for an initializer (PyTorch shares equal tensors through Identity).</summary>
    private static Dictionary<string, string> Aliases(OnnxGraph graph)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.OpType == "Identity" && n.Inputs.Count == 1 && n.Outputs.Count == 1))
        {
            string source = aliases.GetValueOrDefault(node.Inputs[0], node.Inputs[0]);
            if (graph.Initializers.ContainsKey(source))
            {
                aliases[node.Outputs[0]] = source;
            }
        }

        return aliases;
    }

    private static bool TryTensor(OnnxGraph graph, Dictionary<string, string> aliases, string? name, out OnnxTensor tensor)
    {
        tensor = null!;
        return name is not null && graph.Initializers.TryGetValue(aliases.GetValueOrDefault(name, name), out tensor!) && tensor.Floats is not null;
    }

    private static Dictionary<string, FloatTensor>? ByParameterNames(OnnxGraph graph, Dictionary<string, string> aliases, StyleNetConfig config)
    {
        var tensors = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        foreach (var (name, _) in StyleNetArchitecture.Parameters(config))
        {
            if (!TryTensor(graph, aliases, name, out var tensor))
            {
                return null;
            }

            tensors[name] = tensor.ToFloatTensor();
        }

        return tensors;
    }

    private static Dictionary<string, FloatTensor> ByStructure(
        OnnxGraph graph, Dictionary<string, string> aliases, IReadOnlyList<StyleNetStage> stages, List<OnnxNode> convs, List<OnnxNode> norms, string source)
    {
        var tensors = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        FloatTensor Constant(OnnxNode node, int input, string what) =>
            TryTensor(graph, aliases, node.Inputs.ElementAtOrDefault(input), out var t)
                ? t.ToFloatTensor()
                : throw new InvalidDataException($"'{source}': node '{node.Label}' has no constant {what}; a StyleNet's weights are initializers.");

        int norm = 0;
        for (int i = 0; i < stages.Count; i++)
        {
            tensors[stages[i].WeightName] = Constant(convs[i], 1, "weight");
            tensors[stages[i].BiasName] = Constant(convs[i], 2, "bias");
            if (stages[i].Norm is { } prefix)
            {
                tensors[prefix + ".weight"] = Constant(norms[norm], 1, "scale");
                tensors[prefix + ".bias"] = Constant(norms[norm], 2, "bias");
                norm++;
            }
        }

        return tensors;
    }
}
