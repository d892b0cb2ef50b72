using Painterly.CoreML.Specification.Mil;

namespace Painterly.CoreML.Interpreting.Mil;

/// <summary>The inputs of one MIL op, resolved to values by parameter name.</summary>
internal sealed class MilOpInputs(Operation op, IReadOnlyDictionary<string, MilValue> values)
{
    /// <summary>The op's output name, for messages.</summary>
    public string Label { get; } = op.Outputs.Count > 0 ? op.Outputs[0].Name : op.Type;

    public MilValue Required(string parameter) => Optional(parameter)
        ?? throw new InvalidDataException($"MIL op '{Label}' ({op.Type}) lacks input '{parameter}'.");

    public MilValue? Optional(string parameter)
    {
        if (!op.Inputs.TryGetValue(parameter, out var argument) || argument.Arguments.Count == 0)
        {
            return null;
        }

        var binding = argument.Arguments[0];
        return binding.BindingCase == Argument.Types.Binding.BindingOneofCase.Name
            ? values.TryGetValue(binding.Name, out var value) ? value : throw new InvalidDataException($"MIL op '{Label}' reads '{binding.Name}', which is not defined.")
            : throw new NotSupportedException($"MIL op '{Label}' binds '{parameter}' to an inline value; the interpreter reads variables.");
    }

    /// <summary>The [1, C, H, W] tensor <c>x</c> as a kernel blob.</summary>
    public Blob X => Required("x").ToBlob(Label);

    public string Text(string parameter, string fallback) => Optional(parameter)?.Text ?? fallback;

    public int[] Ints(string parameter, int count, int fallback) =>
        Optional(parameter)?.IntVector(Label, parameter, count) ?? [.. Enumerable.Repeat(fallback, count)];

    public float Scalar(string parameter, float fallback) => Optional(parameter)?.Scalar(Label, parameter) ?? fallback;
}
