import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// Hardhat cannot download compilers on these machines: the npm `solc` package carries the one we use.
const compiler = {
  version: "0.8.30",
  path: require.resolve("solc/soljson.js"),
  settings: {
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
  },
};

// The governor carries OpenZeppelin's whole Governor: optimised for size (runs: 1) it keeps room under the 23,000-byte
// budget for the next rule. Its calls cost a little more per opcode; the gas snapshot holds them.
const governorCompiler = {
  ...compiler,
  settings: { ...compiler.settings, viaIR: true, optimizer: { enabled: true, runs: 1 } },
};
const profile = {
  compilers: [compiler],
  overrides: { "contracts/governance/DisCOGovernor.sol": governorCompiler },
};

// `npm test` compiles the coverage run's instrumented contracts beside the plain build, each in folders of its own
// (scripts/test.ts): with DISCO_COVERAGE_BUILD=1, Hardhat reads and writes the instrumented build's. Coverage
// compiled over the plain build's folders instead would have to wait for every step that reads its artifacts. What
// the coverage run's tests start (npm start's deploy, the seed, the CLI) inherits both the variable and Hardhat's
// own HARDHAT_COVERAGE, so it finds the instrumented build made already. That build writes no TypeChain types: the
// plain build wrote the same ones, which the typecheck may be reading meanwhile.
const coverageBuild = process.env.DISCO_COVERAGE_BUILD === "1";

export default defineConfig({
  paths: coverageBuild ? { artifacts: "artifacts-coverage", cache: "cache-coverage" } : {},
  typechain: { dontOverrideCompile: coverageBuild },
  plugins: [
    hardhatToolboxMochaEthers,
    // The SDK's ABIs (`@disco-ledger/sdk/abis`) are regenerated after every build, so none lags the contracts.
    { id: "disco-abis", hookHandlers: { solidity: () => import("./scripts/lib/abi-hooks.ts") } },
  ],
  solidity: {
    profiles: {
      default: profile,
      production: profile,
    },
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32 },
    },
  },
  // `npx hardhat ignition verify chain-<chain id>` publishes the source of every contract a live deployment made (the
  // implementations and the factory; explorers show each DisCO's clones as proxies of them).
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
  networks: {
    hardhat: {
      type: "edr-simulated",
      chainType: "l1",
    },
    localhost: {
      type: "http",
      chainType: "l1",
      // scripts/start.ts passes its chain's URL here when DISCO_PORT moves it.
      url: process.env.DISCO_RPC_URL ?? "http://127.0.0.1:8545",
    },
    // Local chains that npm test's browser tests and the app's load benchmark start for themselves on a free port
    // (scripts/app-test.ts, scripts/app-bench.ts): their own deployments, so a running `npm start` is untouched.
    e2e: {
      type: "http",
      chainType: "l1",
      url: process.env.DISCO_RPC_URL ?? "http://127.0.0.1:8545",
    },
    bench: {
      type: "http",
      chainType: "l1",
      url: process.env.DISCO_RPC_URL ?? "http://127.0.0.1:8545",
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("BASE_SEPOLIA_PRIVATE_KEY")],
    },
  },
});
