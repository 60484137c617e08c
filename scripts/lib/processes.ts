/**
 * The processes behind `npm start`, the browser tests and the load benchmark: a Hardhat node, hardhat scripts run
 * against it, the app built for it and served by Vite's preview server. Each returns a way to stop it, and the
 * callers stop everything in `finally`, so a failed run leaves nothing listening.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { join } from "node:path";
import { APP_ROOT } from "./app-server.ts";
import { ROOT } from "./deployments.ts";

export const HOST = "127.0.0.1";
const BIN = join(ROOT, "node_modules", ".bin");
// A busy machine can take minutes to start the node (and the app tests start three chains in parallel).
const CHAIN_READY_TIMEOUT_MS = 300_000;

/** A port nobody listens on now: the OS picks it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on the port (a chain left from another run would mislead every test). */
export async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, HOST, () => server.close(() => resolve(false)));
  });
}

/** The last lines of a log, to show with an error. */
export function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/**
 * One JSON-RPC call over HTTP, on a connection of its own: a kept-alive connection that the node has just closed
 * would fail the next call ("other side closed"), and calls such as evm_increaseTime can't safely be retried.
 */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const payload = JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });
  const text = await new Promise<string>((resolve, reject) => {
    const send = new URL(url).protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(
      url,
      { method: "POST", agent: false, headers: { "content-type": "application/json" } },
      (response) => {
        let data = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (data += chunk));
        response.on("end", () => resolve(data));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
  const body = JSON.parse(text) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export interface Chain {
  url: string;
  port: number;
  log: string;
  /** Resolves with the node's exit code when it stops, asked to or not. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Waits until the node answers eth_chainId; the node's exit is an early failure. */
async function waitForChain(node: ChildProcess, url: string, log: string): Promise<void> {
  const deadline = Date.now() + CHAIN_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (node.exitCode !== null) throw new Error(`The local chain exited early:\n${tail(log)}`);
    try {
      await rpc(url, "eth_chainId");
      return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The local chain did not answer on ${url} within ${CHAIN_READY_TIMEOUT_MS / 1000} s; see ${log}`);
}

/** Stops a child and waits for it to be gone (SIGKILL if it lingers). */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * A fresh Hardhat node on 127.0.0.1:port, its output in `logDir`/hardhat-node.log; with `chainId`, one that answers
 * as that chain (the live-path test's stand-in for Sepolia).
 */
export async function startChain(port: number, logDir: string, chainId?: number): Promise<Chain> {
  if (await portInUse(port)) throw new Error(`Port ${port} on ${HOST} is already in use: choose another.`);
  mkdirSync(logDir, { recursive: true });
  const log = join(logDir, "hardhat-node.log");
  const fd = openSync(log, "w");
  const chainArgs = chainId === undefined ? [] : ["--chain-id", String(chainId)];
  const node = spawn(join(BIN, "hardhat"), ["node", "--hostname", HOST, "--port", String(port), ...chainArgs], {
    cwd: ROOT,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const url = `http://${HOST}:${port}`;
  const exited = new Promise<number | null>((resolve) => node.once("exit", (code) => resolve(code)));
  const chain: Chain = { url, port, log, exited, stop: () => stopProcess(node) };
  try {
    await waitForChain(node, url, log);
  } catch (error) {
    await chain.stop();
    throw error;
  }
  return chain;
}

/**
 * Runs a command of the project (hardhat, node) to its end, its output appended to `log` (and, with `echo`, shown as
 * it comes); rejects with how it ended and the log's tail when it fails, or cannot start. Never two hardhat commands
 * at once: the callers await each.
 */
export async function run(
  command: string,
  args: string[],
  { log, env = {}, echo = false }: { log: string; env?: Record<string, string>; echo?: boolean },
): Promise<void> {
  const fd = openSync(log, "a");
  const child = spawn(command === "node" ? process.execPath : join(BIN, command), args, {
    cwd: ROOT,
    stdio: ["ignore", echo ? "pipe" : fd, echo ? "pipe" : fd],
    env: { ...process.env, ...env },
  });
  if (echo) {
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      from?.on("data", (chunk: Buffer) => {
        writeSync(fd, chunk);
        to.write(chunk);
      });
    }
  } else {
    closeSync(fd);
  }
  const onSignal = () => child.kill("SIGTERM");
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const ended = await new Promise<string | null>((resolve) => {
    child.once("error", (error) => resolve(`could not start: ${error.message}`));
    child.once("close", (code, signal) =>
      resolve(code === 0 ? null : signal ? `was stopped by ${signal}` : `failed (exit ${code})`),
    );
  });
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  if (echo) closeSync(fd);
  if (ended !== null) {
    throw new Error(`${command} ${args.join(" ")} ${ended}. The last lines of ${log}:\n${tail(log)}`);
  }
}

/**
 * `hardhat run <script> --network <network>` (e2e or bench: local chains of their own in hardhat.config.ts, so their
 * deployments never overwrite localhost's), pointed at the chain by DISCO_RPC_URL. A deploy takes the demo's
 * parameters.
 */
export function hardhatRun(
  script: string,
  network: "e2e" | "bench",
  chain: Chain,
  log: string,
  env: Record<string, string> = {},
) {
  return run("hardhat", ["run", "--no-compile", script, "--network", network], {
    log,
    env: {
      DISCO_RPC_URL: chain.url,
      DISCO_PARAMETERS: join(ROOT, "ignition", "parameters", "localhost.json"),
      ...env,
    },
  });
}

/** Builds the app for deployments/<network>.json with its RPC URL on the chain's port (scripts/app.ts build). */
export function buildApp(chain: Chain, log: string, network: "e2e" | "bench") {
  return run("node", ["scripts/app.ts", "build", "--network", network], {
    log,
    env: { DISCO_PORT: String(chain.port) },
  });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves frontend/dist (the production build) with Vite's preview server on 127.0.0.1:port. */
export async function servePreview(port: number): Promise<Served> {
  const { preview } = await import("vite");
  const server = await preview({
    root: APP_ROOT,
    logLevel: "warn",
    preview: { host: HOST, port, strictPort: true, open: false },
  });
  return {
    url: `http://${HOST}:${port}/`,
    close: () => server.close(),
  };
}
