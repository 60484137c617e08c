import type { BaseContract, ContractEventName, EventLog, Provider } from "ethers";

/** Blocks per eth_getLogs request: public providers commonly refuse wider ranges. */
export const LOG_CHUNK = 10_000;

/**
 * All logs of one event from `fromBlock` to the chain head, in block order, fetched in ranges a provider accepts.
 */
export async function queryInChunks<C extends BaseContract>(
  provider: Provider,
  contract: C,
  event: ContractEventName,
  fromBlock: number,
): Promise<Array<EventLog & Awaited<ReturnType<C["queryFilter"]>>[number]>> {
  const head = await provider.getBlockNumber();
  const logs = [];
  for (let start = fromBlock; start <= head; start += LOG_CHUNK) {
    const end = Math.min(start + LOG_CHUNK - 1, head);
    logs.push(...(await contract.queryFilter(event, start, end)));
  }
  return logs as Array<EventLog & Awaited<ReturnType<C["queryFilter"]>>[number]>;
}
