namespace Painterly.Core.Models;

/// <summary>
/// A StyleNet with its weights (float32, pytorch/examples names) and the facts a model card needs.
/// This is what a <c>.safetensors</c> model file holds, independent of any ML runtime.
/// </summary>
public sealed class StyleModel
{
    /// <summary>
    /// Checks that <paramref name="weights"/> has exactly the parameters of <paramref name="config"/>, and that every
    /// value is finite and of a plausible size.
    /// </summary>
    /// <exception cref="InvalidDataException">A parameter is missing, extra, has the wrong shape or a non-finite value.</exception>
    public StyleModel(StyleNetConfig config, IReadOnlyDictionary<string, FloatTensor> weights, StyleModelInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        config.Validate();
        var expected = StyleNetArchitecture.Parameters(config);
        var ordered = new Dictionary<string, FloatTensor>(expected.Count, StringComparer.Ordinal);
        foreach (var (name, shape) in expected)
        {
            if (!weights.TryGetValue(name, out var tensor))
            {
                throw new InvalidDataException($"Model weights lack '{name}' (expected by a StyleNet ({config.Describe()})).");
            }

            if (!tensor.Shape.SequenceEqual(shape))
            {
                throw new InvalidDataException($"Weight '{name}' has shape [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", shape)}].");
            }

            WeightValues.CheckFinite(name, tensor);
            ordered.Add(name, tensor);
        }

        var extra = weights.Keys.FirstOrDefault(k => !ordered.ContainsKey(k));
        if (extra is not null)
        {
            throw new InvalidDataException($"Model weights have an unexpected tensor '{extra}' for this StyleNet config.");
        }

        Config = config;
        Weights = ordered;
        Info = info ?? new StyleModelInfo();
    }

    /// <summary>The network settings.</summary>
    public StyleNetConfig Config { get; }

    /// <summary>Every parameter, in state_dict order.</summary>
    public IReadOnlyDictionary<string, FloatTensor> Weights { get; }

    /// <summary>Style name, painting, training facts.</summary>
    public StyleModelInfo Info { get; }

    /// <summary>Total number of parameters.</summary>
    public long ParameterCount => Weights.Values.Sum(t => (long)t.Data.Length);
}
