namespace Painterly.Cli;

/// <summary>A failure caused by the user's input, reported as one line with exit code 1 (or 2 for usage).</summary>
internal sealed class UserException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The process exit codes that docs and tests rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
