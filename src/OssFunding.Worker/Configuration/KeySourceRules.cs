namespace OssFunding.Worker.Configuration;

/// <summary>
/// A signing key is configured by naming where it lives (a file, or an environment variable), never by value.
/// Only whether that place exists is checked here; the key itself is read by the component that uses it.
/// </summary>
internal static class KeySourceRules
{
    public static void Required(ConfigProblems problems, string fileKey, string file, string envKey, string env, string mode)
    {
        bool hasFile = !string.IsNullOrEmpty(file);
        bool hasEnv = !string.IsNullOrEmpty(env);
        if (hasFile == hasEnv)
        {
            problems.Add(fileKey, $"set exactly one of {fileKey} and {envKey} when the mode is {mode}");
            return;
        }

        if (hasFile && !File.Exists(file))
        {
            problems.Add(fileKey, "file not found", file);
        }

        if (hasEnv && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(env)))
        {
            problems.Add(envKey, "names an environment variable that is not set", env);
        }
    }

    /// <summary>A key configured for a mode that does not use it is a misunderstanding worth stopping for.</summary>
    public static void Unused(ConfigProblems problems, string key, string value, string usedWhen)
    {
        if (!string.IsNullOrEmpty(value))
        {
            problems.Add(key, $"is only used when {usedWhen}; clear it or change the mode", value);
        }
    }
}
