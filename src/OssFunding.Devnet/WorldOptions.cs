namespace OssFunding.Devnet;

/// <summary>What <see cref="DevnetWorld.DeployAsync"/> sets up. Defaults mirror the treasury: a 3-of-5 Safe with 5,000 LPT.</summary>
public sealed record WorldOptions
{
    /// <summary>EOA owners, with keys from the labels "owner-1" … "owner-N".</summary>
    public int OwnerCount { get; init; } = 5;

    public int Threshold { get; init; } = 3;

    /// <summary>Whole tokens of the 18-decimal LPT stand-in minted to the Safe.</summary>
    public decimal LptFunding { get; init; } = 5_000m;

    /// <summary>Whole tokens of the 6-decimal USDC stand-in minted to the Safe.</summary>
    public decimal UsdcFunding { get; init; } = 50_000m;

    /// <summary>When set, a second Safe is created first and added as an extra (EIP-1271) owner of the main Safe.</summary>
    public ContractOwnerOptions? ContractOwner { get; init; }

    /// <summary>Ether given to the deployer and every owner key, so they can pay for their own transactions.</summary>
    public decimal EtherPerAccount { get; init; } = 1_000m;

    internal void Validate()
    {
        var owners = OwnerCount + (ContractOwner is null ? 0 : 1);
        if (OwnerCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(OwnerCount), OwnerCount, "A Safe needs at least one EOA owner.");
        }

        if (Threshold < 1 || Threshold > owners)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, $"Threshold must be between 1 and the number of owners ({owners}).");
        }

        if (LptFunding < 0 || UsdcFunding < 0 || EtherPerAccount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LptFunding), "Funding amounts cannot be negative.");
        }

        ContractOwner?.Validate();
    }
}

/// <summary>The Safe that owns the main Safe: its own EOA owners ("contract-owner-1" …) and threshold.</summary>
public sealed record ContractOwnerOptions
{
    public int OwnerCount { get; init; } = 2;

    public int Threshold { get; init; } = 1;

    internal void Validate()
    {
        if (OwnerCount < 1 || Threshold < 1 || Threshold > OwnerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold,
                $"The contract owner Safe needs 1 ≤ threshold ≤ owners ({OwnerCount}).");
        }
    }
}
