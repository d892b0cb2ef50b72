namespace Painterly.Core.Models;

/// <summary>
/// Recognises checkpoints saved by pytorch/examples' fast_neural_style (TransformerNet state_dict keys,
/// no Painterly metadata) and infers the <see cref="StyleNetConfig"/> from their tensor names and shapes.
/// </summary>
internal static class TransformerNetCheckpoint
{
    private const string FirstWeight = "conv1.conv2d.weight";
    private const string UpsampleWeight = "deconv1.conv2d.weight";

    /// <summary>Infers the config from the header alone, before any tensor data is read.</summary>
    /// <exception cref="InvalidDataException">The tensors do not look like a TransformerNet.</exception>
    public static StyleNetConfig InferConfig(SafetensorsFile file)
    {
        if (!file.TryGetTensor(FirstWeight, out var first) || first.Shape.Count != 4)
        {
            throw Fail(file.SourceName, $"no '{StyleModelMetadata.FormatKey}' metadata and no 4-D '{FirstWeight}', so neither a Painterly nor a pytorch/examples model.");
        }

        return InferConfig(file.Tensors.ToDictionary(t => t.Name, t => t.Shape, StringComparer.Ordinal), file.SourceName);
    }

    /// <summary>Infers the config from tensor names and shapes; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">The tensors do not look like a TransformerNet.</exception>
    public static StyleNetConfig InferConfig(IReadOnlyDictionary<string, IReadOnlyList<int>> shapes, string source)
    {
        if (!shapes.TryGetValue(FirstWeight, out var first) || first.Count != 4)
        {
            throw Fail(source, $"no 4-D '{FirstWeight}', so not a pytorch/examples TransformerNet.");
        }

        int channels = first[0];
        int blocks = shapes.Keys.Count(IsResidualFirstWeight);
        if (!shapes.TryGetValue(UpsampleWeight, out var up) || up.Count != 4)
        {
            throw Fail(source, $"pytorch/examples model lacks a 4-D '{UpsampleWeight}'.");
        }

        // A nearest-upsample conv stores [out = 2c, in = 4c, k, k]; a transposed conv stores [in = 4c, out = 2c, k, k].
        var upsample = (up[0], up[1]) switch
        {
            var (o, i) when (long)o == 2L * channels && (long)i == 4L * channels => StyleNetUpsample.Nearest,
            var (i, o) when (long)i == 4L * channels && (long)o == 2L * channels => StyleNetUpsample.Transposed,
            _ => throw Fail(source, $"'{UpsampleWeight}' shape [{string.Join(", ", up)}] does not fit {channels} channels."),
        };

        try
        {
            return new StyleNetConfig(channels, blocks, upsample).Validate();
        }
        catch (InvalidDataException e)
        {
            throw Fail(source, e.Message, e);
        }
    }

    /// <summary>
    /// Checks names and shapes against the config they imply, before any tensor data is read: every tensor is one
    /// of its parameters with that parameter's shape, or a stale running statistic no larger than a norm's width.
    /// Missing parameters are left to <see cref="ToStyleModel"/>, which names them.
    /// </summary>
    /// <exception cref="InvalidDataException">The tensors do not fit a TransformerNet.</exception>
    public static StyleNetConfig CheckShapes(IReadOnlyDictionary<string, IReadOnlyList<int>> shapes, string source)
    {
        var config = InferConfig(shapes, source);
        var norms = StyleNetArchitecture.Stages(config).Select(s => s.Norm).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var expected = StyleNetArchitecture.Parameters(config).ToDictionary(p => p.Name, p => p.Shape, StringComparer.Ordinal);
        foreach (var (name, shape) in shapes)
        {
            if (IsStaleRunningStat(name, norms))
            {
                if (shape.Aggregate(1L, (a, d) => a * d) > 4L * config.Channels)
                {
                    throw Fail(source, $"running statistic '{name}' has shape [{string.Join(", ", shape)}], larger than any norm of a StyleNet with {config.Channels} channels.");
                }
            }
            else if (!expected.TryGetValue(name, out var want))
            {
                throw Fail(source, $"has unexpected tensor '{name}' for a StyleNet with {config.Channels} channels and {config.ResidualBlocks} residual blocks.");
            }
            else if (!shape.SequenceEqual(want))
            {
                throw Fail(source, $"tensor '{name}' has shape [{string.Join(", ", shape)}], expected [{string.Join(", ", want)}].");
            }
        }

        return config;
    }

    /// <summary>
    /// A <see cref="StyleModel"/> from the tensors of a pytorch/examples state_dict (read from a <c>.pth</c>, say):
    /// the config is inferred and stale InstanceNorm running statistics are dropped.
    /// </summary>
    /// <exception cref="InvalidDataException">The tensors are not exactly a TransformerNet's.</exception>
    public static StyleModel ToStyleModel(IReadOnlyDictionary<string, FloatTensor> tensors, string source)
    {
        var config = InferConfig(tensors.ToDictionary(t => t.Key, t => (IReadOnlyList<int>)t.Value.Shape, StringComparer.Ordinal), source);
        var norms = StyleNetArchitecture.Stages(config).Select(s => s.Norm).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var weights = tensors.Where(t => !IsStaleRunningStat(t.Key, norms)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        try
        {
            return new StyleModel(config, weights);
        }
        catch (InvalidDataException e)
        {
            throw Fail(source, e.Message, e);
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> is an InstanceNorm running statistic. Old PyTorch versions saved them for
    /// InstanceNorm2d; they are unused (no track_running_stats), and pytorch/examples deletes them on load too.
    /// </summary>
    public static bool IsStaleRunningStat(string name, IReadOnlySet<string> normPrefixes)
    {
        int dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var suffix = name.AsSpan(dot + 1);
        return suffix is "running_mean" or "running_var" or "num_batches_tracked" && normPrefixes.Contains(name[..dot]);
    }

    private static bool IsResidualFirstWeight(string name)
    {
        const string Prefix = "res", Suffix = ".conv1.conv2d.weight";
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal)
            || name.Length <= Prefix.Length + Suffix.Length)
        {
            return false;
        }

        var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length);
        return !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static InvalidDataException Fail(string source, string problem, Exception? inner = null) =>
        new($"Style model '{source}': {problem}", inner);
}
