using Microsoft.Extensions.Options;
using Nethereum.Signer;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Keys;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// The executor's private key, read from <c>Execution:ExecutorKeyFile</c> or the environment variable named by
/// <c>Execution:ExecutorKeyEnv</c>. It only pays gas for already-signed Safe transactions; it must not be a Safe owner
/// (SPEC §2.4, checked by <see cref="ExecutorStartupCheck"/> and on every run). The key never leaves this class: only
/// <see cref="Address"/> is shown, and error messages name where the key was looked for, never its value.
/// </summary>
public sealed class ExecutorKey
{
    private readonly EthECKey key;

    private ExecutorKey(EthECKey key, string source)
    {
        this.key = key;
        Source = source;
        Address = key.GetPublicAddress();
    }

    /// <summary>EIP-55 address of the executor account.</summary>
    public string Address { get; }

    /// <summary>Where the key came from ("Execution:ExecutorKeyEnv (VAR)"), for messages.</summary>
    public string Source { get; }

    internal EthECKey Key => key;

    /// <exception cref="ExecutorKeyException">The key is missing or not 32 bytes of hex; the message names the setting.</exception>
    public static ExecutorKey Load(ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (text, source) = Read(options);
        var key = PrivateKeyText.TryParse(text)
                  ?? throw new ExecutorKeyException($"{source}: the executor key must be {PrivateKeyText.Expected}.");
        return new ExecutorKey(key, source);
    }

    public static ExecutorKey Load(IOptions<ExecutionOptions> options) => Load(options.Value);

    private static (string Text, string Source) Read(ExecutionOptions options)
    {
        if (!string.IsNullOrEmpty(options.ExecutorKeyFile))
        {
            var source = $"Execution:ExecutorKeyFile ({options.ExecutorKeyFile})";
            try
            {
                return (File.ReadAllText(options.ExecutorKeyFile), source);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new ExecutorKeyException($"{source}: cannot be read: {exception.Message}");
            }
        }

        if (!string.IsNullOrEmpty(options.ExecutorKeyEnv))
        {
            var source = $"Execution:ExecutorKeyEnv ({options.ExecutorKeyEnv})";
            return Environment.GetEnvironmentVariable(options.ExecutorKeyEnv) is { Length: > 0 } value
                ? (value, source)
                : throw new ExecutorKeyException($"{source}: the environment variable is not set.");
        }

        throw new ExecutorKeyException("Execution:ExecutorKeyFile: set it or Execution:ExecutorKeyEnv when Execution:Mode is Executor.");
    }
}

/// <summary>The executor key cannot be used; the message says which setting and why, never the key.</summary>
public sealed class ExecutorKeyException(string message) : Exception(message);
