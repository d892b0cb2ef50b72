using System.CommandLine;
using System.CommandLine.Parsing;

namespace Painterly.Cli.Commands;

/// <summary>Range checks on parsed option values that stay quiet when the value did not parse at all.</summary>
internal static class OptionChecks
{
    /// <summary>
    /// Adds <paramref name="message"/> as a usage error when the option's value fails <paramref name="valid"/>.
    /// A value that did not parse (<c>--tile abc</c>, <c>--tile 99999999999</c>) already carries the parser's own
    /// error, and reading it would throw from inside the parser, so it is left alone here.
    /// </summary>
    public static void Check<T>(this Option<T> option, Func<T, bool> valid, string message)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T value) && !valid(value))
            {
                result.AddError(message);
            }
        });
    }

    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
