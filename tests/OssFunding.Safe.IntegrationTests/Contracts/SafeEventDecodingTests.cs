using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Devnet;
using Nethereum.Contracts;
using Nethereum.ABI.FunctionEncoding;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.IntegrationTests.Devnet;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Safe.IntegrationTests.Contracts;

/// <summary>Decodes the logs of real executions on both Safe versions, read back with eth_getLogs as the watcher will.</summary>
[Collection(DevnetCollection.Name)]
public sealed class SafeEventDecodingTests(DevnetFixture fixture)
{
    private static readonly string Recipient = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress("0x00000000000000000000000000000000000a11ce");

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Successful_transfer_yields_approvals_multisig_details_execution_success_and_transfer(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var executor = new ApprovedHashExecutor(world);
        var amount = new BigInteger(1_234_567);
        var transaction = ApprovedHashExecutor.Transaction(world.Usdc.Address, Erc20Contract.EncodeTransfer(Recipient, amount), nonce: 0);
        var safeTxHash = (await executor.HashAsync(transaction)).ToHex(prefix: true);
        var signers = world.Owners.Take(3).ToList();
        var fromBlock = await fixture.Chain.Rpc.BlockNumberAsync() + 1;

        var receipt = await executor.ExecuteAsync(transaction, signers);

        Assert.Equal(1, receipt.Status.Value);
        var logs = await GetLogsAsync(fromBlock, world.SafeAddress, world.Usdc.Address);
        var events = SafeEventDecoder.DecodeAll(logs);
        var approvals = events.OfType<SafeHashApprovedEvent>().ToList();
        Assert.Equal(signers.Take(2).Select(s => s.Address), approvals.Select(a => a.Owner));
        Assert.All(approvals, a => Assert.Equal(safeTxHash, a.ApprovedHash));

        var details = Assert.Single(events.OfType<SafeMultiSigTransactionLogged>());
        Assert.Equal(world.Usdc.Address, details.To);
        Assert.Equal(transaction.Data, details.Data);
        Assert.Equal(0, details.Operation);
        Assert.Equal(0, details.Nonce);
        Assert.Equal(signers[^1].Address, details.Sender);
        Assert.Equal(3, details.Threshold);
        Assert.Equal(ApprovedHashExecutor.PackApprovedHashSignatures(signers.Select(s => s.Address)), details.Signatures);

        var execution = Assert.Single(events.OfType<SafeExecutionEvent>());
        Assert.True(execution.Succeeded);
        Assert.Equal(safeTxHash, execution.SafeTxHash);
        Assert.Equal(BigInteger.Zero, execution.Payment);
        Assert.Equal(receipt.TransactionHash, execution.Location.TransactionHash);
        Assert.Equal(world.SafeAddress, execution.Location.ContractAddress);

        var transfer = Assert.Single(SafeEventDecoder.DecodeTransfers(logs));
        Assert.Equal(new Erc20TransferEvent(transfer.Location, world.Usdc.Address, world.SafeAddress, Recipient, amount), transfer);
        Assert.Equal(receipt.TransactionHash, transfer.Location.TransactionHash);

        // Proves both decoding paths ran: txHash is data on 1.3.0 and topic 1 on 1.4.1.
        var executionLog = logs.Single(l => l.LogIndex.Value == execution.Location.LogIndex);
        Assert.Equal(version == SafeVersion.V130 ? 1 : 2, executionLog.Topics.Length);
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Failing_inner_call_with_safeTxGas_yields_execution_failure_and_no_transfer(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var executor = new ApprovedHashExecutor(world);
        var tooMuch = world.Usdc.ToBaseUnits(50_000.000001m);
        // With safeTxGas = 0 the Safe would revert the whole transaction (GS013); a non-zero one makes it record the failure.
        var transaction = ApprovedHashExecutor.Transaction(world.Usdc.Address, Erc20Contract.EncodeTransfer(Recipient, tooMuch), nonce: 0, safeTxGas: 100_000);
        var safeTxHash = (await executor.HashAsync(transaction)).ToHex(prefix: true);
        var fromBlock = await fixture.Chain.Rpc.BlockNumberAsync() + 1;

        var receipt = await executor.ExecuteAsync(transaction, [.. world.Owners.Take(3)]);

        Assert.Equal(1, receipt.Status.Value);
        var logs = await GetLogsAsync(fromBlock, world.SafeAddress, world.Usdc.Address);
        var execution = Assert.Single(SafeEventDecoder.DecodeAll(logs).OfType<SafeExecutionEvent>());
        Assert.False(execution.Succeeded);
        Assert.Equal(safeTxHash, execution.SafeTxHash);
        Assert.Empty(SafeEventDecoder.DecodeTransfers(logs));
        Assert.Equal(1, await new SafeContract(fixture.Chain.CreateWeb3(), world.SafeAddress).GetNonceAsync());
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Failing_inner_call_without_safeTxGas_reverts_GS013_before_1_5_0_and_with_the_inner_reason_on_1_5_0(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var executor = new ApprovedHashExecutor(world);
        var signers = world.Owners.Take(3).ToList();
        var transaction = ApprovedHashExecutor.Transaction(
            world.Usdc.Address, Erc20Contract.EncodeTransfer(Recipient, world.Usdc.ToBaseUnits(50_000.000001m)), nonce: 0);
        await executor.ApproveAsync(await executor.HashAsync(transaction), signers);
        var exec = transaction.ToExecTransaction(ApprovedHashExecutor.PackApprovedHashSignatures(signers.Select(s => s.Address)));
        exec.FromAddress = signers[^1].Address;

        var revert = await Assert.ThrowsAsync<SmartContractRevertException>(
            () => world.Web3For(signers[^1]).Eth.GetContractHandler(world.SafeAddress).QueryRawAsync<ExecTransactionFunction>(exec));

        // 1.5.0 no longer wraps the inner failure in GS013: the token's own revert bubbles up (what the executor alerts).
        Assert.Equal(
            version == SafeVersion.V150 ? "TestToken: transfer amount exceeds balance" : "GS013",
            revert.RevertMessage);
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Adding_and_removing_owners_yields_owner_and_threshold_events(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var executor = new ApprovedHashExecutor(world);
        var safe = new SafeContract(fixture.Chain.CreateWeb3(), world.SafeAddress);
        var newOwner = DevnetAccount.FromLabel("new-owner").Address;
        var fromBlock = await fixture.Chain.Rpc.BlockNumberAsync() + 1;

        var add = new AddOwnerWithThresholdFunction { Owner = newOwner, Threshold = 4 }.GetCallData();
        await executor.ExecuteAsync(ApprovedHashExecutor.Transaction(world.SafeAddress, add, nonce: 0), [.. world.Owners.Take(3)]);
        var owners = (await safe.GetOwnersAsync()).ToList();
        var removed = world.Owners[0].Address;
        var previous = owners.IndexOf(removed) is var i and > 0 ? owners[i - 1] : "0x0000000000000000000000000000000000000001";
        var remove = new RemoveOwnerFunction { PrevOwner = previous, Owner = removed, Threshold = 2 }.GetCallData();
        await executor.ExecuteAsync(ApprovedHashExecutor.Transaction(world.SafeAddress, remove, nonce: 1), [.. world.Owners.Take(4)]);

        var events = SafeEventDecoder.DecodeAll(await GetLogsAsync(fromBlock, world.SafeAddress));
        Assert.Equal(newOwner, Assert.Single(events.OfType<SafeOwnerAddedEvent>()).Owner);
        Assert.Equal(removed, Assert.Single(events.OfType<SafeOwnerRemovedEvent>()).Owner);
        Assert.Equal([4, 2], events.OfType<SafeThresholdChangedEvent>().Select(e => (int)e.Threshold));
        Assert.Equal(2, events.OfType<SafeExecutionEvent>().Count(e => e.Succeeded));
        Assert.Equal(2, await safe.GetThresholdAsync());
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Check_signatures_accepts_threshold_approvals_and_reports_the_revert_reason_otherwise(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var executor = new ApprovedHashExecutor(world);
        var safe = new SafeContract(fixture.Chain.CreateWeb3(), world.SafeAddress);
        var transaction = ApprovedHashExecutor.Transaction(world.Lpt.Address, Erc20Contract.EncodeTransfer(Recipient, 1), nonce: 0);
        var hash = await executor.HashAsync(transaction);
        var owners = world.Owners.Take(3).ToList();
        var signatures = ApprovedHashExecutor.PackApprovedHashSignatures(owners.Select(o => o.Address));

        // eth_call comes from the zero address, so every v = 1 signer needs an on-chain approval; the last has none yet.
        await executor.ApproveAsync(hash, owners);
        var missingApproval = await safe.CheckSignaturesAsync(hash, [], signatures);
        await new SafeContract(world.Web3For(owners[^1]), world.SafeAddress).ApproveHashAsync(hash);
        var allApproved = await safe.CheckSignaturesAsync(hash, [], signatures);
        var tooFew = await safe.CheckSignaturesAsync(hash, [], signatures[..130]);

        Assert.Equal(SignatureCheckResult.Invalid("GS025"), missingApproval);
        Assert.Equal(SignatureCheckResult.Valid, allApproved);
        Assert.Equal(SignatureCheckResult.Invalid("GS020"), tooFew);
        Assert.True(await safe.IsHashApprovedAsync(owners[0].Address, hash));
        Assert.False(await safe.IsHashApprovedAsync(world.Owners[4].Address, hash));
    }

    private async Task<FilterLog[]> GetLogsAsync(BigInteger fromBlock, params string[] addresses)
        => await fixture.Chain.CreateWeb3().Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            FromBlock = new BlockParameter(new Nethereum.Hex.HexTypes.HexBigInteger(fromBlock)),
            ToBlock = BlockParameter.CreateLatest(),
            Address = addresses,
        });
}
