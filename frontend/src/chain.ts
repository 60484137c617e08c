/**
 * The network this build of the app follows and the RPC it reads through (network.ts), and the one DisCO this page
 * load follows: the one its address names (discos.ts), found before anything else of the app runs, so that every
 * module reads it as a constant. Another DisCO's address loads the app anew (route.ts).
 */
import { defineChain, getAddress, type Address } from "viem";
import {
  isLocalChain,
  type ContractRecord,
  type Deployment,
  type DeploymentContracts,
} from "@disco-ledger/sdk/deployment";
import { openDisCO } from "./discos.ts";
import { followed } from "./network.ts";
import { parseRoute } from "./place.ts";

const { network, first, rpcUrl } = followed(import.meta.env);
export { network, rpcUrl };
/** The network's first DisCO, which an address naming none opens. */
export const firstDisCO = first;

/** The local Hardhat chain of `npm start`, where the developer-account picker and Skip ahead are offered. */
export const isLocal = isLocalChain(network.chainId);

export const chain = defineChain({
  id: network.chainId,
  name: isLocal ? "DisCO local chain" : network.network,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});

const opened = await openDisCO(network, first, parseRoute(window.location.hash).disco, () =>
  import("./discover.ts").then((m) => m.discover(chain, rpcUrl, network)),
);

/** A DisCO whose contracts' addresses are checked, and typed as viem's calls take them. */
export type DisCODeployment = Deployment & {
  contracts: { [name in keyof DeploymentContracts]: ContractRecord & { address: Address } };
};

function checked(disco: Deployment): DisCODeployment {
  const contracts = Object.fromEntries(
    Object.entries(disco.contracts).map(([name, record]) => [name, { ...record, address: getAddress(record.address) }]),
  );
  return { ...disco, contracts: contracts as DisCODeployment["contracts"] };
}

/** The DisCO this page load follows. */
export const deployment = checked(opened.deployment);
/** The DisCO the address named when no DisCO of the network has its address (the first is shown instead). */
export const missingDisCO = opened.missing;
