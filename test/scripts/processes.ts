import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { run } from "../../scripts/lib/processes.ts";

describe("a step of npm start and the app tests (processes.run)", () => {
  const log = () => join(mkdtempSync(join(tmpdir(), "disco-run-")), "step.log");

  it("says how a failed step ended and shows the last lines it wrote, not just that it failed", async () => {
    const path = log();
    writeFileSync(path, "");
    const failing = run(
      "node",
      ["-e", "console.log('deploying'); console.error('Error: nonce too low'); process.exit(3)"],
      {
        log: path,
      },
    );
    const error = await failing.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).to.match(/^node -e .* failed \(exit 3\)\. The last lines of .*step\.log:\n/);
    expect(error?.message).to.contain("deploying");
    expect(error?.message).to.contain("Error: nonce too low");
  });

  it("names the signal that stopped a step", async () => {
    const error = await run("node", ["-e", "process.kill(process.pid, 'SIGKILL')"], { log: log() }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).to.match(/was stopped by SIGKILL/);
  });

  it("keeps a step's whole output in its log, shown as it comes with echo", async () => {
    const path = log();
    await run("node", ["-e", "console.log('seeded')"], { log: path, echo: true });
    expect(readFileSync(path, "utf8")).to.equal("seeded\n");
  });
});
