using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Notifications.Signers;

/// <summary>The configured signers (<c>Notifications:Signers</c>) by address, so notices can name who is missing.</summary>
public sealed class SignerDirectory
{
    private readonly Dictionary<string, SignerOptions> byAddress;

    public SignerDirectory(IOptions<NotificationsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        byAddress = new Dictionary<string, SignerOptions>(StringComparer.OrdinalIgnoreCase);
        var all = new List<SignerOptions>();
        foreach (var signer in options.Value.Signers.Where(signer => byAddress.TryAdd(signer.Address, signer)))
        {
            all.Add(signer);
        }

        All = all;
    }

    public IReadOnlyList<SignerOptions> All { get; }

    public SignerOptions? Find(string address) => byAddress.GetValueOrDefault(address);

    /// <summary>The signer's name and address, or the bare address for an owner nobody configured.</summary>
    public string Describe(string address) => Find(address) is { } signer ? $"{signer.Name} ({address})" : address;

    /// <summary>The signer's name, or a shortened address for an owner nobody configured.</summary>
    public string ShortName(string address) =>
        Find(address)?.Name ?? (address.Length > 12 ? $"{address[..6]}…{address[^4..]}" : address);
}
