import type { Client, PublicClient } from "viem";

/**
 * A client as the SDK's fetchHistory takes it. The SDK types it as a PublicClient, but the fetch only sends JSON-RPC
 * requests (`client.request`): a bare client serves it, without every viem action in the app's download (a public
 * client's actions would put the first download over its budget, and loading them later held the first fetch back).
 */
export const forFetch = (client: Client): PublicClient => client as unknown as PublicClient;
