using System.Numerics;
using System.Text;

namespace Painterly.Core.PyTorch;

/// <summary>Renders values read from a pickle for one-line error messages.</summary>
internal static class PickleDisplay
{
    private const int MaxTextLength = 100;

    /// <summary>
    /// <paramref name="text"/> with control characters escaped and its length capped: it comes from the file,
    /// and an error message must stay one readable line.
    /// </summary>
    public static string Text(string text)
    {
        var result = new StringBuilder(Math.Min(text.Length, MaxTextLength) + 8);
        foreach (char c in text)
        {
            if (result.Length >= MaxTextLength)
            {
                return result.Append('…').ToString();
            }

            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                result.Append($"\\u{(int)c:x4}");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>The Python type of <paramref name="value"/>, as a message names it (e.g. <c>str</c>, <c>tuple</c>).</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        List<object?> => "list",
        PickleTuple => "tuple",
        PickleDict => "dict",
        PickleGlobal g => Text(g.FullName),
        PickleCall c => Text(c.Callable.FullName) + "(...)",
        _ => "persistent object",
    };
}
