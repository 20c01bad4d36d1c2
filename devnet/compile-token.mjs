// Compiles contracts/TestToken.sol with the pinned solc npm package into build/TestToken.json
// (Hardhat-like artifact: contractName, abi, bytecode). The C# devnet fixture runs this when the
// artifact is missing or older than the source, so nothing compiled is ever committed.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const solc = require("solc");

const here = dirname(fileURLToPath(import.meta.url));
const sourceName = "contracts/TestToken.sol";
const contractName = "TestToken";

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

const compiled = output.contracts[sourceName][contractName];
const artifact = {
  contractName,
  sourceName,
  compiler: `solc ${solc.version()}`,
  abi: compiled.abi,
  bytecode: "0x" + compiled.evm.bytecode.object,
};

mkdirSync(join(here, "build"), { recursive: true });
writeFileSync(join(here, "build", `${contractName}.json`), JSON.stringify(artifact, null, 2) + "\n");
console.log(`wrote build/${contractName}.json (${compiled.evm.bytecode.object.length / 2} bytes, ${artifact.compiler})`);
