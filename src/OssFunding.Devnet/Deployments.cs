using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace OssFunding.Devnet;

/// <summary>Deploys creation bytecode (with constructor arguments, if any) and returns the new contract's address.</summary>
internal static class Deployments
{
    public static Task<string> DeployAsync(IWeb3 web3, ContractArtifact artifact)
        => DeployAsync(web3, new BytecodeDeployment { ByteCode = artifact.Bytecode }, artifact.ContractName);

    public static async Task<string> DeployAsync<TDeployment>(IWeb3 web3, TDeployment deployment, string contractName)
        where TDeployment : ContractDeploymentMessage, new()
    {
        var receipt = await web3.Eth.GetContractDeploymentHandler<TDeployment>().SendRequestAndWaitForReceiptAsync(deployment);
        EnsureSucceeded(receipt, $"deploying {contractName}");
        return receipt.ContractAddress;
    }

    public static void EnsureSucceeded(TransactionReceipt receipt, string what)
    {
        if (receipt.Status?.Value != 1)
        {
            throw new DevnetException($"Transaction {receipt.TransactionHash} {what} reverted.");
        }
    }

    /// <summary>A contract without constructor arguments.</summary>
    private sealed class BytecodeDeployment : ContractDeploymentMessage
    {
        public BytecodeDeployment()
            : base(string.Empty)
        {
        }
    }
}

/// <summary>Constructor of devnet/contracts/TestToken.sol.</summary>
internal sealed class TestTokenDeployment : ContractDeploymentMessage
{
    public TestTokenDeployment()
        : base(string.Empty)
    {
    }

    [Parameter("string", "name_", 1)]
    public string Name { get; set; } = "";

    [Parameter("string", "symbol_", 2)]
    public string Symbol { get; set; } = "";

    [Parameter("uint8", "decimals_", 3)]
    public byte Decimals { get; set; }
}
