using System.Runtime.InteropServices;
using Painterly.Core.Models;

namespace Painterly.Core.PyTorch;

/// <summary>Copies a checkpoint tensor out of its storage into a dense float32 <see cref="FloatTensor"/>.</summary>
internal static class TorchTensorDecoder
{
    /// <summary>
    /// The values of <paramref name="tensor"/> in row-major order, converted to float32 (float16, bfloat16 and
    /// integers exactly; float64 rounded to nearest). Strided views (transposes, slices, broadcasts) are gathered.
    /// </summary>
    public static FloatTensor ToFloatTensor(TorchTensorReference tensor)
    {
        var values = new float[tensor.ElementCount];
        var storage = tensor.Storage;
        var bytes = storage.Bytes;
        int size = storage.ElementSize;
        if (tensor.IsContiguous)
        {
            var run = bytes.Slice((int)(tensor.Offset * size), values.Length * size);
            if (storage.DType == SafetensorsDType.F32 && BitConverter.IsLittleEndian)
            {
                // Same layout as the result: copy every bit, NaN payloads included.
                run.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            }
            else
            {
                SafetensorsDecoder.Decode(storage.DType, run, values);
            }
        }
        else
        {
            Gather(tensor, bytes, values);
        }

        return new FloatTensor([.. tensor.Shape], values);
    }

    // Walks the output in row-major order with an odometer over the indices, moving the storage position by
    // each dimension's stride; the bounds were checked when the tensor reference was made.
    private static void Gather(TorchTensorReference tensor, ReadOnlySpan<byte> bytes, Span<float> values)
    {
        var shape = tensor.Shape;
        var stride = tensor.Stride;
        var dtype = tensor.Storage.DType;
        int size = tensor.Storage.ElementSize;
        var index = new int[shape.Count];
        long position = tensor.Offset;
        for (int i = 0; i < values.Length; i++)
        {
            SafetensorsDecoder.Decode(dtype, bytes.Slice((int)(position * size), size), values.Slice(i, 1));
            for (int d = shape.Count - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    position += stride[d];
                    break;
                }

                position -= (shape[d] - 1L) * stride[d];
                index[d] = 0;
            }
        }
    }
}
