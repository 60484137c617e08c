/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The deployment the app follows, by its name in deployments/ (default localhost). */
  readonly VITE_NETWORK?: string;
  /** The RPC URL the app reads through. */
  readonly VITE_RPC_URL?: string;
}
