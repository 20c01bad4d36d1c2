using System.Numerics;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.MultiSend;

/// <summary>One ERC-20 transfer out of the Safe: token contract, recipient and amount in the token's base units.</summary>
public sealed record Payment
{
    public Payment(string token, string recipient, BigInteger amount)
    {
        Token = EthAddress.Normalize(token, nameof(token));
        Recipient = EthAddress.Normalize(recipient, nameof(recipient));
        if (amount.Sign <= 0 || amount > Uint256.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A payment amount must be between 1 and 2^256-1 base units.");
        }

        Amount = amount;
    }

    public string Token { get; }

    public string Recipient { get; }

    public BigInteger Amount { get; }

    public bool Equals(Payment? other) =>
        other is not null
        && EthAddress.AreEqual(Token, other.Token)
        && EthAddress.AreEqual(Recipient, other.Recipient)
        && Amount == other.Amount;

    public override int GetHashCode() =>
        HashCode.Combine(Token.ToUpperInvariant(), Recipient.ToUpperInvariant(), Amount);

    public override string ToString() => $"{Amount} of {Token} to {Recipient}";
}
