/**
 * A browser wallet for the tests: a real EIP-1193 provider at `window.ethereum`, backed by the Hardhat node's
 * unlocked dev accounts. It answers accounts and chain itself and forwards every other request to the node over
 * HTTP, so eth_sendTransaction and eth_signTypedData_v4 are signed by the node. `window.__e2eWallet` lets a test
 * switch the account or the chain, which the wallet announces (accountsChanged, chainChanged) as a real one does.
 *
 * `installWallet` runs in the page (page.addInitScript serialises it): it may use nothing from this module's scope.
 */

export interface WalletConfig {
  rpcUrl: string;
  /** Hex, as eth_chainId answers. */
  chainId: string;
  /** The account the wallet holds (checksummed). */
  account: string;
  /** Whether the site may see the account before asking (as after an earlier connection). */
  authorized: boolean;
}

/** What a test can do to the wallet from outside: `page.evaluate("window.__e2eWallet.setAccount(...)")`. */
export interface WalletControl {
  setAccount(account: string): void;
  setChain(chainId: string): void;
  /** Every method the app asked for, in order. */
  requests: string[];
}

export function installWallet(config: WalletConfig): void {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  let account = config.account;
  let chainId = config.chainId;
  let authorized = config.authorized;
  const requests: string[] = [];

  const rejected = (code: number, message: string) => Object.assign(new Error(message), { code });

  async function forward(method: string, params: unknown): Promise<unknown> {
    const response = await fetch(config.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: requests.length, method, params: params ?? [] }),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    // Code and data kept, so that viem decodes a revert as it would from any wallet.
    if (body.error) throw Object.assign(new Error(body.error.message), body.error);
    return body.result;
  }

  async function request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
    requests.push(method);
    const list = Array.isArray(params) ? (params as unknown[]) : [];
    switch (method) {
      case "eth_requestAccounts":
        authorized = true;
        return [account];
      case "eth_accounts":
        return authorized ? [account] : [];
      case "eth_chainId":
        return chainId;
      case "net_version":
        return String(parseInt(chainId, 16));
      case "wallet_switchEthereumChain": {
        const wanted = (list[0] as { chainId: string }).chainId;
        if (wanted.toLowerCase() !== config.chainId.toLowerCase()) throw rejected(4902, `Unknown chain ${wanted}`);
        chainId = config.chainId;
        emit("chainChanged", chainId);
        return null;
      }
      case "wallet_addEthereumChain":
        return null;
      case "wallet_requestPermissions":
        authorized = true;
        return [{ parentCapability: "eth_accounts" }];
      case "wallet_getPermissions":
        return authorized ? [{ parentCapability: "eth_accounts" }] : [];
      case "wallet_revokePermissions":
        authorized = false;
        return null;
      case "eth_sendTransaction": {
        if (!authorized) throw rejected(4100, "The site is not connected to this wallet");
        const tx = list[0] as { from?: string };
        if (tx.from && tx.from.toLowerCase() !== account.toLowerCase()) {
          throw rejected(4100, `The wallet holds ${account}, not ${tx.from}`);
        }
        return forward(method, [{ ...tx, from: account }]);
      }
      default:
        return forward(method, params);
    }
  }

  const provider = {
    isE2EWallet: true,
    request,
    on(event: string, listener: Listener) {
      const forEvent = listeners.get(event) ?? new Set();
      listeners.set(event, forEvent.add(listener));
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  const control: WalletControl = {
    setAccount(next) {
      account = next;
      if (authorized) emit("accountsChanged", [next]);
    },
    setChain(next) {
      chainId = next;
      emit("chainChanged", next);
    },
    requests,
  };
  const page = globalThis as unknown as { ethereum?: unknown; __e2eWallet?: WalletControl };
  page.ethereum = provider;
  page.__e2eWallet = control;
}
