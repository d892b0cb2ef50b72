using System.Text.Json;
using System.Text.Unicode;

namespace Painterly.Core.Models;

/// <summary>
/// Parses and validates the JSON header of a safetensors file. Everything in it is treated as hostile:
/// after this succeeds every tensor's byte range lies inside the data region, matches its shape and
/// dtype, and no two ranges overlap, so readers can trust the entries without further checks.
/// </summary>
internal sealed class SafetensorsHeader
{
    /// <summary>Reserved key of the string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header accepted, as in the reference implementation.</summary>
    public const long MaxLength = 100_000_000;

    /// <summary>
    /// Most tensors (metadata aside) a header may list: far above any network's (a StyleNet has about 70, a large
    /// language model a few thousand), far below the 1.3 million a 100 MB header can name, whose entries would take
    /// about a gigabyte to hold.
    /// </summary>
    public const int MaxTensors = 100_000;

    /// <summary>Largest tensor rank accepted; real checkpoints stay far below it.</summary>
    public const int MaxRank = 16;

    private SafetensorsHeader(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafetensorsTensorInfo> tensors)
    {
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>The <c>__metadata__</c> entries (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Tensor entries, in data-offset order.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>Builds the exception every validation failure throws: one line naming the source.</summary>
    public static InvalidDataException Invalid(string source, string problem, Exception? inner = null)
    {
        // Names and values come from the file: keep the message one short line whatever they contain.
        const int MaxProblem = 300;
        var text = new string(problem.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        if (text.Length > MaxProblem)
        {
            text = string.Concat(text.AsSpan(0, MaxProblem), "...");
        }

        return new InvalidDataException($"Invalid safetensors file '{source}': {text}", inner);
    }

    /// <summary>Validates <paramref name="json"/> against a data region of <paramref name="dataLength"/> bytes.</summary>
    public static SafetensorsHeader Parse(ReadOnlyMemory<byte> json, long dataLength, string source)
    {
        // The reference implementation rejects headers that do not open an object; so do we, before parsing.
        if (json.IsEmpty || json.Span[0] != (byte)'{')
        {
            throw Invalid(source, "header does not start with '{'.");
        }

        if (!Utf8.IsValid(json.Span))
        {
            throw Invalid(source, "header is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            // Counted with a reader that allocates nothing, before a document of the whole header is built.
            int entries = CountEntries(json.Span);
            if (entries > MaxTensors + 1)
            {
                throw Invalid(source, $"header lists {entries} entries, more than the {MaxTensors} tensors a model file may hold.");
            }

            // Depth 3 suffices (root, entry, shape); a low cap stops deeply nested junk early.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "header is not a JSON object.");
            }

            return ParseRoot(document.RootElement, dataLength, source);
        }
    }

    private static int CountEntries(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        int entries = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                entries++;
            }
        }

        return entries;
    }

    private static SafetensorsHeader ParseRoot(JsonElement root, long dataLength, string source)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new List<SafetensorsTensorInfo>();
        foreach (var property in root.EnumerateObject())
        {
            // JsonDocument keeps duplicate keys; a second entry could smuggle a different tensor in.
            if (!names.Add(property.Name))
            {
                throw Invalid(source, $"duplicate key '{property.Name}' in header.");
            }

            if (property.Name == MetadataKey)
            {
                ParseMetadata(property.Value, metadata, source);
            }
            else
            {
                tensors.Add(ParseTensor(property.Name, property.Value, dataLength, source));
            }
        }

        var ordered = tensors.OrderBy(t => t.DataOffset).ThenBy(t => t.ByteLength).ToList();
        CheckLayout(ordered, dataLength, source);
        return new SafetensorsHeader(metadata, ordered);
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, $"'{MetadataKey}' is not an object.");
        }

        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(source, $"metadata value '{entry.Name}' is not a string.");
            }

            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw Invalid(source, $"duplicate metadata key '{entry.Name}'.");
            }
        }
    }

    private static SafetensorsTensorInfo ParseTensor(string name, JsonElement value, long dataLength, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, $"tensor '{name}' is not an object.");
        }

        JsonElement? dtypeElement = null, shapeElement = null, offsetsElement = null;
        foreach (var field in value.EnumerateObject())
        {
            // Unknown fields are ignored for forward compatibility; repeated known ones are ambiguous.
            switch (field.Name)
            {
                case "dtype": Take(ref dtypeElement, field); break;
                case "shape": Take(ref shapeElement, field); break;
                case "data_offsets": Take(ref offsetsElement, field); break;
                default: break;
            }
        }

        var dtype = ParseDType(name, dtypeElement, source);
        var shape = ParseShape(name, shapeElement, source);
        var (begin, end) = ParseOffsets(name, offsetsElement, dataLength, source);
        long expected = ByteLength(name, dtype, shape, source);
        if (end - begin != expected)
        {
            throw Invalid(source, $"tensor '{name}' spans {end - begin} bytes but {dtype.ToHeaderName()} shape [{string.Join(", ", shape)}] needs {expected}.");
        }

        return new SafetensorsTensorInfo(name, dtype, shape, begin, expected);

        void Take(ref JsonElement? slot, JsonProperty field)
        {
            slot = slot is null ? field.Value : throw Invalid(source, $"tensor '{name}' repeats field '{field.Name}'.");
        }
    }

    private static SafetensorsDType ParseDType(string name, JsonElement? element, string source)
    {
        if (element is not { ValueKind: JsonValueKind.String } e)
        {
            throw Invalid(source, $"tensor '{name}' lacks a string 'dtype'.");
        }

        string text = e.GetString()!;
        return SafetensorsDTypeExtensions.TryParse(text, out var dtype)
            ? dtype
            : throw Invalid(source, $"tensor '{name}' has unknown dtype '{text}'.");
    }

    private static int[] ParseShape(string name, JsonElement? element, string source)
    {
        if (element is not { ValueKind: JsonValueKind.Array } e)
        {
            throw Invalid(source, $"tensor '{name}' lacks a 'shape' array.");
        }

        int rank = e.GetArrayLength();
        if (rank > MaxRank)
        {
            throw Invalid(source, $"tensor '{name}' has rank {rank}, more than {MaxRank}.");
        }

        var shape = new int[rank];
        int i = 0;
        foreach (var dim in e.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out long d) || d < 0 || d > int.MaxValue)
            {
                throw Invalid(source, $"tensor '{name}' has an invalid dimension {Describe(dim)} (must be an integer 0..{int.MaxValue}).");
            }

            shape[i++] = (int)d;
        }

        return shape;
    }

    private static (long Begin, long End) ParseOffsets(string name, JsonElement? element, long dataLength, string source)
    {
        if (element is not { ValueKind: JsonValueKind.Array } e || e.GetArrayLength() != 2)
        {
            throw Invalid(source, $"tensor '{name}' lacks 'data_offsets' [begin, end].");
        }

        long begin = Offset(name, e[0], source), end = Offset(name, e[1], source);
        if (end < begin)
        {
            throw Invalid(source, $"tensor '{name}' ends ({end}) before it begins ({begin}).");
        }

        if (end > dataLength)
        {
            throw Invalid(source, $"tensor '{name}' ends at {end}, past the {dataLength}-byte data region (file truncated?).");
        }

        return (begin, end);
    }

    private static long Offset(string name, JsonElement element, string source) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value) && value >= 0
            ? value
            : throw Invalid(source, $"tensor '{name}' has an invalid data offset {Describe(element)}.");

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : $"({element.ValueKind})";

    private static long ByteLength(string name, SafetensorsDType dtype, int[] shape, string source)
    {
        try
        {
            long bits = checked(FloatTensor.ElementCount(shape) * dtype.BitSize());
            return bits % 8 == 0
                ? bits / 8
                : throw Invalid(source, $"tensor '{name}' of packed {dtype.ToHeaderName()} does not fill whole bytes.");
        }
        catch (OverflowException e)
        {
            throw Invalid(source, $"tensor '{name}' shape [{string.Join(", ", shape)}] overflows its byte size.", e);
        }
    }

    // Like the reference implementation, the tensors must tile the data region exactly: an overlap would let
    // two names alias one buffer, and gaps or trailing bytes mean the file is not what its header says.
    private static void CheckLayout(List<SafetensorsTensorInfo> ordered, long dataLength, string source)
    {
        long cursor = 0;
        string? previous = null;
        foreach (var tensor in ordered)
        {
            if (tensor.DataOffset < cursor)
            {
                throw Invalid(source, $"tensor '{tensor.Name}' overlaps tensor '{previous}'.");
            }

            if (tensor.DataOffset > cursor)
            {
                throw Invalid(source, $"unused bytes {cursor}..{tensor.DataOffset} before tensor '{tensor.Name}'.");
            }

            cursor = tensor.DataOffset + tensor.ByteLength;
            previous = tensor.Name;
        }

        if (cursor != dataLength)
        {
            throw Invalid(source, $"data region is {dataLength} bytes but the tensors cover {cursor}.");
        }
    }
}
