using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Painterly.Onnx;

/// <summary>
/// ONNX Runtime's error text made fit for one line: without its error-code prefix and the paths of its own C++
/// sources, which mean nothing to a user.
/// </summary>
internal static partial class OnnxRuntimeMessage
{
    private const int MaxLength = 200;

    public static string Short(OnnxRuntimeException error)
    {
        string text = ErrorCode().Replace(error.Message, "");
        text = SourcePath().Replace(text, "");
        text = Whitespace().Replace(text, " ").Trim().TrimEnd('.');
        return text.Length <= MaxLength ? text : text[..MaxLength] + "...";
    }

    /// <summary>Whether the run failed because the arena (the memory budget) could not hold a tensor.</summary>
    public static bool IsOverMemoryBudget(OnnxRuntimeException error) =>
        error.Message.Contains("Available memory of", StringComparison.Ordinal) || error.Message.Contains("Failed to allocate memory", StringComparison.Ordinal);

    [GeneratedRegex(@"\[ErrorCode:\w+\]\s*")]
    private static partial Regex ErrorCode();

    [GeneratedRegex(@"\S*/[\w./-]+\.(cc|cpp|h|hpp)(:\d+)?\S*")]
    private static partial Regex SourcePath();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
