using Painterly.Core.Images;
using Painterly.CoreML.MlProgram;
using Painterly.CoreML.Specification;
using Painterly.CoreML.Specification.Mil;
using MilValueType = Painterly.CoreML.Specification.Mil.ValueType;

namespace Painterly.CoreML.Tests.MlProgram;

/// <summary>
/// MIL op semantics in the interpreter, on hand-built one-op programs (not the writer's output), against values
/// worked out by hand from the op definitions.
/// </summary>
public sealed class MilOpSemanticsTests
{
    // A 3x4 RGB image whose red plane is 0..11 row by row, green 100 + that, blue 200 + that.
    private static readonly PlanarImage Input = Image(4, 3);

    [Fact]
    public void Pad_reflect_mirrors_without_repeating_the_edge_and_replicate_repeats_it()
    {
        var reflect = Run(4 + 2, 3 + 2, b => b.Op("pad", ("x", "image"), ("pad", b.Ints(1, 1, 1, 1)), ("mode", b.Text("reflect"))));
        var replicate = Run(4 + 2, 3, b => b.Op("pad", ("x", "image"), ("pad", b.Ints(0, 0, 1, 1)), ("mode", b.Text("replicate"))));

        // Red row 0 is 0 1 2 3: reflect by 1 gives 1 0 1 2 3 2 and the row above mirrors row 1 (5 4 5 6 7 6).
        Assert.Equal([5f, 4, 5, 6, 7, 6, 1, 0, 1, 2, 3, 2], reflect.Data[..12]);
        Assert.Equal([0f, 0, 1, 2, 3, 3], replicate.Data[..6]);
    }

    [Fact]
    public void Crop_removes_start_and_end_rows_and_columns()
    {
        var cropped = Run(2, 2, b => b.Op("crop", ("x", "image"), ("crop_height", b.Ints(1, 0)), ("crop_width", b.Ints(1, 1))));

        Assert.Equal([5f, 6, 9, 10], cropped.Data[..4]);
    }

    [Fact]
    public void Upsample_nearest_repeats_each_pixel()
    {
        var up = Run(8, 6, b => b.Op("upsample_nearest_neighbor", ("x", "image"), ("scale_factor_height", b.Int(2)), ("scale_factor_width", b.Int(2))));

        Assert.Equal([0f, 0, 1, 1, 2, 2, 3, 3], up.Data[..8]);
        Assert.Equal([0f, 0, 1, 1, 2, 2, 3, 3], up.Data[8..16]);
    }

    [Fact]
    public void Conv_with_custom_pad_and_groups_sums_its_window()
    {
        // Depthwise 1x2 kernel of ones, pad one column on the left: each output is x[w-1] + x[w].
        var conv = Run(4, 3, b => b.Op(
            "conv",
            ("x", "image"),
            ("weight", b.Floats([3, 1, 1, 2], 1, 1, 1, 1, 1, 1)),
            ("pad_type", b.Text("custom")),
            ("pad", b.Ints(0, 0, 1, 0)),
            ("groups", b.Int(3))));

        Assert.Equal([0f, 1, 3, 5], conv.Data[..4]);
        Assert.Equal([100f, 201, 203, 205], conv.Data[12..16]);
    }

    [Fact]
    public void Conv_transpose_spreads_each_input_and_removes_the_pad_from_the_output()
    {
        // Weight [C_in=3, C_out/groups=1, 1, 2] of ones, stride 2 along W, groups 3: output column 2w and 2w+1 both
        // take x[w]; a custom pad of 1 at the left removes the first column.
        var up = Run(7, 3, b => b.Op(
            "conv_transpose",
            ("x", "image"),
            ("weight", b.Floats([3, 1, 1, 2], 1, 1, 1, 1, 1, 1)),
            ("pad_type", b.Text("custom")),
            ("pad", b.Ints(0, 0, 1, 0)),
            ("strides", b.Ints(1, 2)),
            ("groups", b.Int(3))));

        Assert.Equal([0f, 1, 1, 2, 2, 3, 3], up.Data[..7]);
    }

    [Fact]
    public void Instance_norm_normalizes_each_channel_then_scales_and_shifts()
    {
        var normed = Run(4, 3, b => b.Op("instance_norm", ("x", "image"), ("gamma", b.Floats([3], 2, 1, 1)), ("beta", b.Floats([3], 10, 0, 0)), ("epsilon", b.Floats([], 0))));

        // Red is 0..11: mean 5.5, population variance (144 - 1) / 12.
        double std = Math.Sqrt(143.0 / 12);
        Assert.Equal(10 + (2 * (0 - 5.5) / std), normed.Data[0], 4);
        Assert.Equal((11 - 5.5) / std, normed.Data[12 + 11], 4);
    }

    [Fact]
    public void Clip_threshold_and_linear_activation_follow_their_definitions()
    {
        var clipped = Run(4, 3, b => b.Op("clip", ("x", "image"), ("alpha", b.Floats([], 2)), ("beta", b.Floats([], 5))));
        var thresholded = Run(4, 3, b => b.Op("threshold", ("x", "image"), ("alpha", b.Floats([], 3))));
        var linear = Run(4, 3, b => b.Op("linear_activation", ("x", "image"), ("alpha", b.Floats([], -1)), ("beta", b.Floats([], 1))));

        Assert.Equal([2f, 2, 2, 3, 4, 5, 5], clipped.Data[..7]);
        Assert.Equal([3f, 3, 3, 3, 4], thresholded.Data[..5]);
        Assert.Equal([1f, 0, -1], linear.Data[..3]);
    }

    [Fact]
    public void Add_broadcasts_a_per_channel_constant_and_fp16_outputs_are_rounded_to_half()
    {
        var added = Run(4, 3, b => b.Op("add", ("x", "image"), ("y", b.Floats([1, 3, 1, 1], 0.5f, 0, 0))));
        var half = Run(4, 3, b =>
        {
            string x16 = b.Op("cast", ("x", "image"), ("dtype", b.Text("fp16")));
            string third = b.Op("mul", ("x", x16), ("y", b.Halves(1f / 3)));
            return b.Op("cast", ("x", third), ("dtype", b.Text("fp32")));
        });

        Assert.Equal([0.5f, 1.5f], added.Data[..2]);
        Assert.Equal(100f, added.Data[12]);
        float expected = (float)(Half)(11f * (float)(Half)(1f / 3));
        Assert.Equal(expected, half.Data[11]);
        Assert.NotEqual(11f / 3, half.Data[11]);
    }

    private static PlanarImage Run(int width, int height, Func<ProgramBuilder, string> body)
    {
        var builder = new ProgramBuilder();
        body(builder);
        return new MlProgramInterpreter(builder.Package(width, height)).Run(Input);
    }

    private static PlanarImage Image(int width, int height)
    {
        var image = new PlanarImage(width, height);
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < width * height; i++)
            {
                image.Data[(c * width * height) + i] = (100 * c) + i;
            }
        }

        return image;
    }

    /// <summary>Builds a program op by op; output shapes are declared loosely (unknown H and W), which the interpreter allows.</summary>
    private sealed class ProgramBuilder
    {
        private readonly Block block = new();
        private int next;

        public string Text(string value) => Const(MilTensor(DataType.String), new TensorValue { Strings = new() { Values = { value } } });

        public string Int(int value) => Const(MilTensor(DataType.Int32), new TensorValue { Ints = new() { Values = { value } } });

        public string Ints(params int[] values) => Const(MilTensor(DataType.Int32, values.Length), new TensorValue { Ints = new() { Values = { values } } });

        public string Floats(int[] shape, params float[] values) => Const(MilTensor(DataType.Float32, shape), new TensorValue { Floats = new() { Values = { values } } });

        public string Halves(float value)
        {
            var bytes = new byte[2];
            System.Buffers.Binary.BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value);
            return Const(MilTensor(DataType.Float16), new TensorValue { Bytes = new() { Values = Google.Protobuf.ByteString.CopyFrom(bytes) } });
        }

        public string Op(string type, params (string Parameter, string Variable)[] inputs)
        {
            string name = $"v{next++}";
            var op = new Operation { Type = type };
            foreach (var (parameter, variable) in inputs)
            {
                op.Inputs[parameter] = new Argument { Arguments = { new Argument.Types.Binding { Name = variable } } };
            }

            bool fp16 = (type == "cast" && inputs.Any(i => i.Parameter == "dtype" && block.Operations.Any(o => o.Outputs[0].Name == i.Variable && o.Attributes["val"].ImmediateValue.Tensor.Strings.Values[0] == "fp16")))
                || (type != "cast" && inputs.Any(i => block.Operations.Any(o => o.Outputs[0].Name == i.Variable && o.Type != "const" && o.Outputs[0].Type.TensorType.DataType == DataType.Float16)));
            op.Outputs.Add(new NamedValueType { Name = name, Type = MilTensor(fp16 ? DataType.Float16 : DataType.Float32, 1, -1, -1, -1) });
            block.Operations.Add(op);
            return name;
        }

        public MlPackage Package(int width, int height)
        {
            // The last op's result becomes 'stylized', a float32 [1, 3, H, W] image output.
            block.Operations[^1].Outputs[0].Name = "stylized";
            block.Operations[^1].Outputs[0].Type = MilTensor(DataType.Float32, 1, 3, height, width);
            block.Outputs.Add("stylized");
            var function = new Function { Opset = "CoreML5", Inputs = { new NamedValueType { Name = "image", Type = MilTensor(DataType.Float32, 1, 3, Input.Height, Input.Width) } } };
            function.BlockSpecializations["CoreML5"] = block;
            var program = new Program { Version = 1 };
            program.Functions["main"] = function;
            var model = new Model
            {
                SpecificationVersion = 6,
                Description = new ModelDescription
                {
                    Input = { Feature("image", Input.Width, Input.Height) },
                    Output = { Feature("stylized", width, height) },
                },
                MlProgram = program,
            };
            return new MlPackage(model, []);
        }

        private static FeatureDescription Feature(string name, int width, int height) => new()
        {
            Name = name,
            Type = new FeatureType { ImageType = new ImageFeatureType { Width = width, Height = height, ColorSpace = ImageFeatureType.Types.ColorSpace.Rgb } },
        };

        private string Const(MilValueType type, TensorValue value)
        {
            string name = $"c{next++}";
            var op = new Operation { Type = "const" };
            op.Attributes["val"] = new Value { Type = type, ImmediateValue = new Value.Types.ImmediateValue { Tensor = value } };
            op.Outputs.Add(new NamedValueType { Name = name, Type = type });
            block.Operations.Add(op);
            return name;
        }

        private static MilValueType MilTensor(DataType type, params int[] shape)
        {
            var tensor = new TensorType { DataType = type, Rank = shape.Length };
            foreach (int d in shape)
            {
                tensor.Dimensions.Add(d < 0
                    ? new Dimension { Unknown = new Dimension.Types.UnknownDimension() }
                    : new Dimension { Constant = new Dimension.Types.ConstantDimension { Size = (ulong)d } });
            }

            return new MilValueType { TensorType = tensor };
        }
    }
}
