using System.Text;
using Painterly.CoreML.Specification.Mil;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Appends operations to the main block of an ML Program: unique identifier names, constants (weights to the blob
/// file, small values inline, as Apple's converter does), and ops whose every input is bound to a variable.
/// </summary>
internal sealed class MilBlockBuilder(DataType compute, MilBlobWriter blobs)
{
    /// <summary>Tensors with at least this many values go to the weights file; smaller ones stay in the program.</summary>
    public const int BlobThreshold = 10;

    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public Block Block { get; } = new();

    /// <summary>The data type activations and weights are computed in.</summary>
    public DataType Compute { get; } = compute;

    public bool Fp16 => Compute == DataType.Float16;

    /// <summary>Reserves a valid, unused identifier made from <paramref name="hint"/>.</summary>
    public string Name(string hint)
    {
        string baseName = Identifier(hint);
        string unique = baseName;
        for (int i = 2; !names.Add(unique); i++)
        {
            unique = $"{baseName}_{i}";
        }

        return unique;
    }

    /// <summary>Claims <paramref name="name"/> as is (a function input or output); it must be a free identifier.</summary>
    public void Claim(string name)
    {
        if (Identifier(name) != name || !names.Add(name))
        {
            throw new ArgumentException($"'{name}' is not a free MIL identifier.", nameof(name));
        }
    }

    /// <summary>A constant holding <paramref name="value"/>; returns its variable name.</summary>
    public string Const(string hint, Value value)
    {
        string name = Name(hint);
        var op = new Operation { Type = "const" };
        op.Attributes["name"] = MilValues.String(name);
        op.Attributes["val"] = value;
        op.Outputs.Add(new NamedValueType { Name = name, Type = value.Type });
        Block.Operations.Add(op);
        return name;
    }

    /// <summary>A float constant in the compute type: in the weights file when large, else inline.</summary>
    public string Weights(string hint, float[] values, params long[] shape)
    {
        long?[] dims = [.. shape.Select(d => (long?)d)];
        if (values.Length >= BlobThreshold)
        {
            ulong offset = blobs.Add(values, Fp16, hint);
            return Const(hint, MilValues.BlobFile(MilValues.Tensor(Compute, dims), offset));
        }

        return Const(hint, MilValues.Floats(Fp16, dims, values));
    }

    /// <summary>A float scalar in the compute type.</summary>
    public string Scalar(string hint, float value) => Const(hint, MilValues.Floats(Fp16, [], value));

    /// <summary>
    /// Appends an op of <paramref name="type"/> reading <paramref name="inputs"/> (parameter name to variable name)
    /// and producing one variable; returns it.
    /// </summary>
    public MilTensor Op(string type, string outputHint, IEnumerable<(string Parameter, string Variable)> inputs, MilTensor output, DataType? outputType = null)
    {
        var op = new Operation { Type = type };
        foreach (var (parameter, variable) in inputs)
        {
            op.Inputs[parameter] = new Argument { Arguments = { new Argument.Types.Binding { Name = variable } } };
        }

        string name = output.Name.Length > 0 ? output.Name : Name(outputHint);

        // Apple's converter names every op (the name shows in Xcode's performance report); the output's name serves.
        op.Attributes["name"] = MilValues.String(name);
        op.Outputs.Add(new NamedValueType { Name = name, Type = MilValues.Tensor(outputType ?? Compute, output.Shape) });
        Block.Operations.Add(op);
        return output with { Name = name };
    }

    /// <summary>MIL identifiers match [A-Za-z_][A-Za-z0-9_@]*: other characters become '_'.</summary>
    public static string Identifier(string text)
    {
        var sb = new StringBuilder(text.Length + 1);
        foreach (char c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '@' ? c : '_');
        }

        if (sb.Length == 0 || !(char.IsAsciiLetter(sb[0]) || sb[0] == '_'))
        {
            sb.Insert(0, '_');
        }

        return sb.ToString();
    }
}
