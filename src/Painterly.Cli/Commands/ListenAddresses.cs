using System.Text.RegularExpressions;

namespace Painterly.Cli.Commands;

/// <summary>
/// Checks <c>serve --urls</c> before Kestrel sees it: Kestrel reports a bad address only once the host starts,
/// as a logged stack trace.
/// </summary>
internal static partial class ListenAddresses
{
    /// <summary>True when every semicolon-separated entry is an http or https address with a valid port.</summary>
    public static bool AreValid(string? urls)
    {
        var entries = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return entries.Length > 0 && entries.All(IsValid);
    }

    private static bool IsValid(string url)
    {
        // Kestrel's wildcard hosts are not valid URI hosts: check the rest of the address with a stand-in.
        string probe = WildcardHost().Replace(url, "${scheme}localhost");
        return Uri.TryCreate(probe, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Port is >= 0 and <= 65535
            && uri.Query.Length == 0
            && uri.Fragment.Length == 0;
    }

    [GeneratedRegex(@"^(?<scheme>https?://)[*+](?=[:/]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WildcardHost();
}
