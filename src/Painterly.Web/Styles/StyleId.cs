namespace Painterly.Web.Styles;

/// <summary>What a style id in a URL may look like: a plain name, never a path.</summary>
internal static class StyleId
{
    /// <summary>Letters, digits, '-', '_' and '.', not starting with '.', at most 100 characters.</summary>
    public static bool IsWellFormed(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 100 || id[0] == '.' || id.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
