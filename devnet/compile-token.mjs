// Compiles one of contracts/*.sol (default TestToken.sol; `node compile-token.mjs PriceFeeds.sol`) with the
// pinned solc npm package into build/<Contract>.json for every contract in the file (Hardhat-like artifact:
// contractName, abi, bytecode). The C# devnet fixture runs this when an artifact is missing or older than its
// source, so nothing compiled is ever committed.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const solc = require("solc");

const here = dirname(fileURLToPath(import.meta.url));
const fileName = process.argv[2] ?? "TestToken.sol";
if (!/^[A-Za-z0-9]+\.sol$/.test(fileName)) {
  console.error(`not a contracts/ file name: ${fileName}`);
  process.exit(1);
}
const sourceName = `contracts/${fileName}`;

const input = {
  language: "Solidity",
  sources: { [sourceName]: { content: readFileSync(join(here, sourceName), "utf8") } },
  settings: {
    // Cancun: what Arbitrum One runs and what anvil's default hardfork accepts.
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const message of output.errors ?? []) console.error(message.formattedMessage);
if (errors.length > 0) process.exit(1);

mkdirSync(join(here, "build"), { recursive: true });
for (const [contractName, compiled] of Object.entries(output.contracts[sourceName])) {
  if (compiled.evm.bytecode.object.length === 0) continue; // an interface: nothing to deploy
  const artifact = {
    contractName,
    sourceName,
    compiler: `solc ${solc.version()}`,
    abi: compiled.abi,
    bytecode: "0x" + compiled.evm.bytecode.object,
  };
  writeFileSync(join(here, "build", `${contractName}.json`), JSON.stringify(artifact, null, 2) + "\n");
  console.log(`wrote build/${contractName}.json (${compiled.evm.bytecode.object.length / 2} bytes, ${artifact.compiler})`);
}
