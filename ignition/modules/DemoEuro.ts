import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** The euro-like demo currency with a faucet, for the local chain and testnets only. */
export default buildModule("DemoEuro", (m) => ({ token: m.contract("DemoEuro") }));
