/**
 * Connecting: any injected browser wallet, and on the local chain a labelled picker of the demo's developer
 * accounts, so a newcomer can try every role without an extension. A wallet on another chain gets a one-click
 * switch.
 */
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { chain, isLocal } from "../chain.ts";
import { defineMessages, useT } from "../i18n.tsx";
import { Person } from "../ui/kit.tsx";
import { DEMO_PEOPLE } from "./devAccounts.ts";

const messages = defineMessages(
  {
    connect: "Connect wallet",
    noWallet: "No browser wallet found: install one (MetaMask, Rabby…) or, on the local chain, try a demo person.",
    disconnect: "Disconnect",
    demo: "Try as a demo person",
    demoHint: "Developer accounts of the local chain; never use them on a real network.",
    choose: "Choose a person…",
    wrongNetwork: "Your wallet is on another network (chain {have}). This cooperative lives on {want}.",
    switch: "Switch to {want}",
    connectedAs: "Connected as",
  },
  {
    connect: "Conectar cartera",
    noWallet:
      "No se ha encontrado una cartera en el navegador: instala una (MetaMask, Rabby…) o, en la cadena local, prueba con una persona de la demo.",
    disconnect: "Desconectar",
    demo: "Probar como persona de la demo",
    demoHint: "Cuentas de desarrollo de la cadena local; no las uses nunca en una red real.",
    choose: "Elige una persona…",
    wrongNetwork: "Tu cartera está en otra red (cadena {have}). Esta cooperativa vive en {want}.",
    switch: "Cambiar a {want}",
    connectedAs: "Conectada como",
  },
);

export function ConnectMenu() {
  const t = useT(messages);
  const { address, connector, status } = useConnection();
  const connectors = useConnectors();
  const { mutate: connect, isPending } = useConnect();
  const { mutateAsync: disconnect } = useDisconnect();
  const injected = connectors.find((c) => c.type === "injected");
  const hasBrowserWallet = typeof window !== "undefined" && "ethereum" in window;

  const pickDemo = async (id: string) => {
    const target = connectors.find((c) => c.id === id);
    if (!target) return;
    if (status === "connected") await disconnect();
    connect({ connector: target });
  };

  return (
    <div className="connect">
      {address ? (
        <div className="connected">
          <span className="sr-only">{t("connectedAs")} </span>
          <Person address={address} />
          <button type="button" className="link" onClick={() => void disconnect()}>
            {t("disconnect")}
          </button>
        </div>
      ) : (
        <button
          type="button"
          disabled={!injected || !hasBrowserWallet || isPending}
          title={hasBrowserWallet ? undefined : t("noWallet")}
          onClick={() => injected && connect({ connector: injected })}
        >
          {t("connect")}
        </button>
      )}
      {isLocal ? (
        <label className="demo-picker">
          <span>{t("demo")}</span>
          <select
            value={connector?.type === "devAccount" ? connector.id : ""}
            onChange={(e) => void pickDemo(e.target.value)}
            aria-describedby="demo-hint"
          >
            <option value="" disabled>
              {t("choose")}
            </option>
            {DEMO_PEOPLE.map((p) => (
              <option key={p.index} value={`dev-${p.index}`}>
                #{p.index} {p.name}: {p.role}
              </option>
            ))}
          </select>
          <small id="demo-hint">{t("demoHint")}</small>
        </label>
      ) : null}
    </div>
  );
}

/** Shown while the wallet is on another chain than the cooperative's. */
export function NetworkBanner() {
  const t = useT(messages);
  const { chainId, status } = useConnection();
  const { mutate: switchChain, isPending } = useSwitchChain();
  if (status !== "connected" || chainId === chain.id) return null;
  return (
    <div className="banner" role="alert">
      {t("wrongNetwork", { have: chainId ?? "?", want: chain.name })}{" "}
      <button type="button" disabled={isPending} onClick={() => switchChain({ chainId: chain.id })}>
        {t("switch", { want: chain.name })}
      </button>
    </div>
  );
}
