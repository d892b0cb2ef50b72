using System.Text;

namespace Painterly.Cli;

/// <summary>
/// Makes text from files (names, metadata, error messages that quote them) safe to print to a terminal: escape
/// sequences could move the cursor, rewrite earlier lines or set the window title, and right-to-left overrides
/// could show a name other than the real one. <c>--json</c> output is escaped by the serializer instead.
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with control and bidirectional-override characters written as <c>\u####</c>.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (IsUnsafe(c))
            {
                clean.Append(@"\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    // C0 and C1 controls (ESC, CSI, BEL, backspace, carriage return...), and the bidirectional embeddings,
    // overrides and isolates (U+202A-U+202E, U+2066-U+2069) plus the marks that reorder text.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
