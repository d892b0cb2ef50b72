using Painterly.Core.Images;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Painterly.Core.Models;
using Painterly.Core.Stylizing;

namespace Painterly.Onnx;

/// <summary>
/// Runs a StyleNet with ONNX Runtime on the CPU: float32 RGB 0..255 planar (CHW) in, the same out.
/// Thread-safe; sessions are created once and reused until disposal.
/// </summary>
public sealed class OnnxStylizer : IStyleEngine
{
    private readonly byte[]? modelForSizedSessions;
    private readonly OnnxStylizerOptions options;
    private readonly InferenceSession session;
    private readonly Dictionary<ImageSize, InferenceSession> sessionsBySize = [];
    private readonly Lock sessionsLock = new();
    private readonly string inputName;
    private readonly string outputName;
    private readonly int[] inputDims;
    private readonly string[] inputSymbols;
    private readonly string sourceName;
    private bool disposed;

    /// <inheritdoc/>
    public string Name => "onnx";

    /// <summary>The int8 stages this engine runs, or null when it runs float32 (always null for files and bytes).</summary>
    public OnnxInt8Calibration? Int8Calibration { get; }

    /// <summary>Exports <paramref name="model"/> in memory and loads it, with int8 convolutions as <see cref="OnnxStylizerOptions.Precision"/> says.</summary>
    /// <exception cref="InvalidDataException">The model's stored int8 calibration is malformed.</exception>
    public OnnxStylizer(StyleModel model, OnnxStylizerOptions? options = null)
        : this(model, ExportFormOf(model, options ?? OnnxStylizerOptions.Default), options)
    {
    }

    private OnnxStylizer(StyleModel model, OnnxExportOptions form, OnnxStylizerOptions? options)
        : this(OnnxExporter.Export(model, form), options, "the exported model")
    {
        Int8Calibration = form.Quantization;
    }

    private OnnxStylizer(byte[] model, OnnxStylizerOptions? options, string sourceName)
    {
        this.options = options ?? OnnxStylizerOptions.Default;
        this.sourceName = sourceName;
        // Only per-size sessions need the bytes again; otherwise the session holds all it needs.
        modelForSizedSessions = this.options.SessionPerSize ? model : null;
        try
        {
            session = OnnxSessionFactory.Create(model, this.options, []);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{sourceName} is not a model ONNX Runtime can load ({OnnxRuntimeMessage.Short(e)}); give a .onnx file exported by Painterly or PyTorch.", e);
        }

        try
        {
            (inputName, inputDims, inputSymbols) = PlanarFloatImage(session.InputMetadata, "input", sourceName);
            (outputName, _, _) = PlanarFloatImage(session.OutputMetadata, "output", sourceName);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts loading ONNX Runtime itself (its native library and environment, ~40 ms) on a pool thread, so that a
    /// stylizer created next overlaps it with reading and exporting its model. Optional: constructors load it anyway.
    /// </summary>
    public static void BeginLoadingRuntime() => OnnxSessionFactory.BeginLoading();

    /// <summary>Loads a serialized ONNX model, e.g. an <see cref="OnnxExporter"/> export with non-default options.</summary>
    /// <exception cref="InvalidDataException">The model does not take and return float32 <c>[1, 3, H, W]</c>.</exception>
    public static OnnxStylizer FromBytes(byte[] onnx, OnnxStylizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        return new OnnxStylizer(onnx, options, "the model");
    }

    /// <summary>Loads an ONNX file with one float32 <c>[1, 3, H, W]</c> input and output, such as a default <see cref="OnnxExporter"/> export.</summary>
    /// <exception cref="InvalidDataException">The model takes or returns something else (e.g. a pixel-IO export).</exception>
    public static OnnxStylizer FromFile(string path, OnnxStylizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new OnnxStylizer(File.ReadAllBytes(path), options, $"'{path}'");
    }

    /// <summary>Stylizes <paramref name="chw"/> (3 planes of <paramref name="height"/> x <paramref name="width"/>, 0..255) into a new array.</summary>
    /// <exception cref="ArgumentException">A side is not a multiple of 4 (pad first), or the buffer has the wrong length.</exception>
    public float[] Stylize(float[] chw, int width, int height)
    {
        new ImageSize(width, height).Validate(nameof(width));
        var output = new float[checked(3 * width * height)];
        Stylize(chw, width, height, output);
        return output;
    }

    /// <summary>Stylizes <paramref name="chw"/> into <paramref name="output"/> (same length), e.g. a reused buffer.</summary>
    /// <exception cref="ArgumentException">A side is not a multiple of 4 (pad first), or a buffer has the wrong length.</exception>
    public void Stylize(float[] chw, int width, int height, float[] output)
    {
        ArgumentNullException.ThrowIfNull(chw);
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(disposed, this);
        var size = new ImageSize(width, height).Validate(nameof(width));
        long expected = 3L * width * height;
        if (chw.Length != expected || output.Length != expected)
        {
            throw new ArgumentException($"A 3x{height}x{width} image needs {expected} floats in and out, got {chw.Length} and {output.Length}.", nameof(chw));
        }

        if ((inputDims[2] > 0 && inputDims[2] != height) || (inputDims[3] > 0 && inputDims[3] != width))
        {
            throw new ArgumentException($"This model only takes {inputDims[3]}x{inputDims[2]} images, got {size}.", nameof(width));
        }

        long[] shape = [1, 3, height, width];
        // Both tensors pin the managed arrays: ONNX Runtime reads and writes them in place, no copies.
        using var input = OrtValue.CreateTensorValueFromMemory(chw, shape);
        using var result = OrtValue.CreateTensorValueFromMemory(output, shape);
        using var runOptions = new RunOptions();
        try
        {
            SessionFor(size).Run(runOptions, [inputName], [input], [outputName], [result]);
        }
        catch (OnnxRuntimeException e) when (OnnxRuntimeMessage.IsOverMemoryBudget(e))
        {
            throw new InvalidDataException($"{sourceName} needs more than ONNX Runtime's {OnnxSessionFactory.MemoryBudgetBytes >> 30} GiB memory budget for a {size} image; give a smaller image or a smaller --tile.", e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{sourceName} failed to run in ONNX Runtime for a {size} image ({OnnxRuntimeMessage.Short(e)}).", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (sessionsLock)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var sized in sessionsBySize.Values)
            {
                sized.Dispose();
            }

            sessionsBySize.Clear();
            session.Dispose();
        }
    }

    private static OnnxExportOptions ExportFormOf(StyleModel model, OnnxStylizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (options.Export.Quantization is not null)
        {
            return options.Export;
        }

        var int8 = options.Precision switch
        {
            OnnxPrecision.FullPrecision => null,
            OnnxPrecision.Quantized => OnnxInt8Planner.StoredOrPlanned(model),
            _ => OnnxInt8Calibration.ReadFrom(model),
        };
        return int8 is { Convs.Count: > 0 } ? options.Export with { Quantization = int8 } : options.Export;
    }

    private InferenceSession SessionFor(ImageSize size)
    {
        if (modelForSizedSessions is null || inputSymbols[2].Length == 0 || inputSymbols[3].Length == 0)
        {
            return session;
        }

        lock (sessionsLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!sessionsBySize.TryGetValue(size, out var sized))
            {
                sized = OnnxSessionFactory.Create(modelForSizedSessions, options, [new(inputSymbols[2], size.Height), new(inputSymbols[3], size.Width)]);
                sessionsBySize.Add(size, sized);
            }

            return sized;
        }
    }

    private static (string Name, int[] Dims, string[] Symbols) PlanarFloatImage(IReadOnlyDictionary<string, NodeMetadata> values, string role, string sourceName)
    {
        if (values.Count != 1)
        {
            throw new InvalidDataException($"{sourceName} has {values.Count} {role}s; a style model has one.");
        }

        var (name, metadata) = values.First();
        var dims = metadata.Dimensions;
        if (!metadata.IsTensor || metadata.ElementDataType != TensorElementType.Float || dims.Length != 4 || dims[0] > 1 || dims[1] is not (3 or -1))
        {
            throw new InvalidDataException(
                $"{sourceName} {role} '{name}' is {metadata.ElementDataType}[{string.Join(", ", dims)}]; OnnxStylizer needs float32 [1, 3, H, W] (export without pixel IO).");
        }

        var symbols = metadata.SymbolicDimensions.Select(s => s ?? "").ToArray();
        return (name, dims, symbols);
    }
}
