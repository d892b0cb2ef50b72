namespace Painterly.Tests;

/// <summary>
/// A test's precondition on this machine (a file, a library, a tool): when it is missing the test skips here with
/// the reason, and fails when CI is set, so a CI machine that lacks it cannot pass the test by skipping it.
/// </summary>
internal static class Requirement
{
    /// <summary>Returns when <paramref name="present"/>; otherwise skips (locally) or fails (CI) with <paramref name="reason"/>.</summary>
    public static void Present(bool present, string reason)
    {
        if (present)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(reason + " (CI is set, so this is a failure, not a skip)");
        }

        Skip.If(true, reason);
    }
}
