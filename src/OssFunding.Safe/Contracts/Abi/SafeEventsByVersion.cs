// Written from contracts-abi/safe-1.3.0/GnosisSafeL2.json and contracts-abi/safe-1.4.1/SafeL2.json (1.5.0 indexes as 1.4.1):
// events with the same signature (same topic 0) but different indexing. 1.3.0 puts the value in the
// data, 1.4.1 and 1.5.0 in topic 1, so each needs its own DTO. No logic here; SafeEventDecoder picks by log shape.
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace OssFunding.Safe.Contracts.Abi;

[Event("ExecutionSuccess")]
public sealed class ExecutionSuccessV130Event : IEventDTO
{
    [Parameter("bytes32", "txHash", 1, false)]
    public byte[] TxHash { get; set; } = [];

    [Parameter("uint256", "payment", 2, false)]
    public BigInteger Payment { get; set; }
}

[Event("ExecutionSuccess")]
public sealed class ExecutionSuccessV141Event : IEventDTO
{
    [Parameter("bytes32", "txHash", 1, true)]
    public byte[] TxHash { get; set; } = [];

    [Parameter("uint256", "payment", 2, false)]
    public BigInteger Payment { get; set; }
}

[Event("ExecutionFailure")]
public sealed class ExecutionFailureV130Event : IEventDTO
{
    [Parameter("bytes32", "txHash", 1, false)]
    public byte[] TxHash { get; set; } = [];

    [Parameter("uint256", "payment", 2, false)]
    public BigInteger Payment { get; set; }
}

[Event("ExecutionFailure")]
public sealed class ExecutionFailureV141Event : IEventDTO
{
    [Parameter("bytes32", "txHash", 1, true)]
    public byte[] TxHash { get; set; } = [];

    [Parameter("uint256", "payment", 2, false)]
    public BigInteger Payment { get; set; }
}

[Event("AddedOwner")]
public sealed class AddedOwnerV130Event : IEventDTO
{
    [Parameter("address", "owner", 1, false)]
    public string Owner { get; set; } = "";
}

[Event("AddedOwner")]
public sealed class AddedOwnerV141Event : IEventDTO
{
    [Parameter("address", "owner", 1, true)]
    public string Owner { get; set; } = "";
}

[Event("RemovedOwner")]
public sealed class RemovedOwnerV130Event : IEventDTO
{
    [Parameter("address", "owner", 1, false)]
    public string Owner { get; set; } = "";
}

[Event("RemovedOwner")]
public sealed class RemovedOwnerV141Event : IEventDTO
{
    [Parameter("address", "owner", 1, true)]
    public string Owner { get; set; } = "";
}
