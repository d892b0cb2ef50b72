using System.Buffers.Binary;
using Painterly.Core.Models;
using Painterly.CoreML.MlProgram;

namespace Painterly.CoreML.Tests.MlProgram;

/// <summary>Round trip through the folder, and hostile packages failing with one clean line.</summary>
public sealed class MlPackageReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("painterly-mlpackage-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Writer_then_reader_gives_the_same_model_and_weights()
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64) });
        string path = Path.Combine(folder, "a.mlpackage");
        MlPackageWriter.Write(path, package);

        var read = MlPackageReader.Read(path);

        Assert.Equal(package.Model, read.Model);
        Assert.Equal(package.Weights, read.Weights);
        Assert.True(File.Exists(Path.Combine(path, "Data", "com.apple.CoreML", "weights", "weight.bin")));
    }

    [Fact]
    public void Writing_over_a_package_replaces_it_and_leaves_no_temporary_folder()
    {
        string path = Path.Combine(folder, "a.mlpackage");
        MlPackageWriter.Write(path, MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64) }));
        var second = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(32, 32) });
        MlPackageWriter.Write(path, second);

        Assert.Equal(second.Model, MlPackageReader.Read(path).Model);
        Assert.Equal(["a.mlpackage"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Summary_counts_ops_weights_and_names_the_os()
    {
        var summary = MlPackageSummary.Of(MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64) }));

        Assert.Equal("iOS 15, macOS 12", summary.OperatingSystems);
        Assert.Equal(["main (CoreML5)"], summary.Functions);
        Assert.Contains(new KeyValuePair<string, int>("conv", 10), summary.OpCounts);
        Assert.True(summary.Float16Values > 10_000);
        Assert.Equal(0, summary.Float32Values);
        Assert.Contains(summary.Metadata, m => m.Key == "style_name" && m.Value == "test-style");
        var conv = summary.Ops.First(o => o.Type == "conv");
        Assert.Contains("weight=fp16[8,3,9,9]", conv.Inputs, StringComparison.Ordinal);
        Assert.Contains("pad_type=\"custom\"", conv.Inputs, StringComparison.Ordinal);
        Assert.Contains("strides=[1,1]", conv.Inputs, StringComparison.Ordinal);
        Assert.Contains("beta=255", summary.Ops.Single(o => o.Type == "clip").Inputs, StringComparison.Ordinal);
    }

    [Fact]
    public void An_op_outside_painterlys_set_can_be_inspected_but_not_run()
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64) });
        package.Model.MlProgram.Functions["main"].BlockSpecializations["CoreML5"].Operations.First(o => o.Type == "relu").Type = "gelu";
        string path = Path.Combine(folder, "gelu.mlpackage");
        MlPackageWriter.Write(path, package);

        var summary = MlPackageSummary.Of(MlPackageReader.Read(path));
        var error = Assert.Throws<InvalidDataException>(() => new MlProgramInterpreter(path));

        Assert.Contains(new KeyValuePair<string, int>("gelu", 1), summary.OpCounts);
        Assert.Contains("'gelu'", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside what Painterly runs", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "escaping path", "leaves the package" },
        { "absolute path", "item paths are relative" },
        { "no manifest", "has no Manifest.json" },
        { "manifest not json", "not JSON" },
        { "unknown root", "not among its items" },
        { "blob offset beyond file", "has no blob at offset" },
        { "blob size beyond file", "outside the" },
        { "bad sentinel", "sentinel" },
        { "huge count", "declares 4294967295 blobs" },
        { "not a program", "not an ML Program" },
        { "missing op input", "lacks its required input 'weight'" },
        { "undefined variable", "before anything defines it" },
        { "symbolic link", "symbolic link" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_package_fails_with_one_line(string damage, string expected)
    {
        string path = Path.Combine(folder, "bad.mlpackage");
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64) });
        MlPackageWriter.Write(path, Damage(package, damage));
        string manifest = Path.Combine(path, "Manifest.json");
        switch (damage)
        {
            case "escaping path":
                File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("com.apple.CoreML/model.mlmodel", "../../../etc/passwd", StringComparison.Ordinal));
                break;
            case "absolute path":
                File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("com.apple.CoreML/model.mlmodel", "/etc/passwd", StringComparison.Ordinal));
                break;
            case "no manifest":
                File.Delete(manifest);
                break;
            case "manifest not json":
                File.WriteAllText(manifest, "{ not json");
                break;
            case "symbolic link":
                // The weights folder becomes a link to a copy outside the package.
                string weights = Path.Combine(path, "Data", "com.apple.CoreML", "weights");
                string outside = Path.Combine(folder, "outside");
                Directory.Move(weights, outside);
                Directory.CreateSymbolicLink(weights, outside);
                break;
            case "unknown root":
                File.WriteAllText(manifest, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(manifest), "\"rootModelIdentifier\": \"[^\"]+\"", "\"rootModelIdentifier\": \"nope\""));
                break;
        }

        var error = Assert.Throws<InvalidDataException>(() => MlPackageReader.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("bad.mlpackage", error.Message, StringComparison.Ordinal);
    }

    private static MlPackage Damage(MlPackage package, string damage)
    {
        var model = package.Model.Clone();
        var weights = (byte[])package.Weights.Clone();
        var block = model.MlProgram.Functions["main"].BlockSpecializations["CoreML5"];
        var firstBlob = block.Operations.First(o => o.Type == "const" && o.Attributes["val"].BlobFileValue is not null).Attributes["val"].BlobFileValue;
        switch (damage)
        {
            case "blob offset beyond file":
                firstBlob.Offset = (ulong)weights.Length + 64;
                break;
            case "blob size beyond file":
                BinaryPrimitives.WriteUInt64LittleEndian(weights.AsSpan((int)firstBlob.Offset + 8), ulong.MaxValue - 10);
                break;
            case "bad sentinel":
                weights[firstBlob.Offset] = 0;
                break;
            case "huge count":
                BinaryPrimitives.WriteUInt32LittleEndian(weights, uint.MaxValue);
                break;
            case "not a program":
                model.NeuralNetwork = new Specification.NeuralNetwork();
                break;
            case "missing op input":
                block.Operations.First(o => o.Type == "conv").Inputs.Remove("weight");
                break;
            case "undefined variable":
                block.Operations.First(o => o.Type == "relu").Inputs["x"].Arguments[0].Name = "nowhere";
                break;
        }

        return new MlPackage(model, weights);
    }
}
