/**
 * The check-ins the DisCO shown makes and judges, each a transaction of one person (no vote): a treasurer or auditor
 * checks in a final period with the digest and figures the SDK's checkInOf computes from the books the app folds
 * (brought up to the chain's head just before sending), warned if peers' recomputation will differ; an auditor
 * confirms a peer's check-in, or challenges the figure that differs, once the SDK's verifyCheckIns has recomputed it
 * from that DisCO's own logs (or, when it could not be, a figure chosen with a reason).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { zeroAddress } from "viem";
import { getBlock, getBlockNumber } from "viem/actions";
import { useConnection, usePublicClient } from "wagmi";
import { federationAbi } from "@disco-ledger/sdk/abis";
import { blocksToTime, loadBlockTimes } from "@disco-ledger/sdk/audit";
import type { FoundDisCO } from "@disco-ledger/sdk/discovery";
import {
  checkInArgs,
  checkInOf,
  checkInVerdict,
  describeDifference,
  FIGURES,
  verifyCheckIns,
  type CheckIn,
  type FederationState,
  type FigureName,
  type FoundFederation,
} from "@disco-ledger/sdk/federation";
import { challengeArgs, confirmArgs } from "@disco-ledger/sdk/proposals";
import { chain, deployment } from "../../chain.ts";
import { HISTORY_KEY, useHistory } from "../../data/history.tsx";
import type { LoadedHistory } from "../../data/loader.ts";
import { useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { ReasonedButton } from "../../ui/kit.tsx";
import { OUR_NAME, OURS } from "./Actions.tsx";
import { latestCredit } from "../credit/data.ts";
import { useRoles } from "./data.ts";
import { messages } from "./messages.ts";
import { figureName } from "./status.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Block times never change: kept across computations. */
const times = new Map<number, bigint>();

/** This DisCO as the factory would have found it, for verifyCheckIns. */
const OUR_DISCO: FoundDisCO = { ...deployment, name: OUR_NAME, creator: zeroAddress };

export function CheckInDesk({
  found,
  fed,
  reload,
}: {
  found: FoundFederation;
  fed: FederationState;
  /** Refetches the federation, giving its state after. */
  reload: () => Promise<FederationState | undefined>;
}) {
  const t = useT(messages);
  const ids = useId();
  const { address } = useConnection();
  const roles = useRoles(address);
  const client = usePublicClient({ chainId: chain.id });
  const history = useHistory();
  const loaded = history.loaded;
  const tx = useTx();
  const queryClient = useQueryClient();
  const [preparing, setPreparing] = useState(false);
  const [changed, setChanged] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const checkedIn = new Set(fed.checkIns.filter((c) => same(c.disco, OURS)).map((c) => c.period));
  // The history's last block's time: a period is final once its review window has ended by then.
  const head = useQuery({
    queryKey: ["block-time", chain.id, loaded?.lastBlock],
    queryFn: async () => (await getBlock(client, { blockNumber: BigInt(loaded?.lastBlock ?? 0) })).timestamp,
    enabled: loaded !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const finals =
    loaded && head.data !== undefined
      ? [...loaded.state.ledger.periods.entries()]
          .filter(([period, p]) => p.finalAt !== null && p.finalAt <= (head.data as bigint) && !checkedIn.has(period))
          .map(([period]) => period)
      : [];
  const [chosen, setChosen] = useState<number | undefined>();
  const period = chosen !== undefined && finals.includes(chosen) ? chosen : finals[0];
  const computed = useQuery({
    queryKey: ["check-in", deployment.contracts.ledger.address, period, loaded?.lastBlock],
    queryFn: async (): Promise<CheckIn> => {
      if (!loaded || period === undefined || head.data === undefined) throw new Error("not ready");
      await loadBlockTimes(client, blocksToTime(loaded.state, true), times);
      const credit = { state: await latestCredit(client, found), account: OURS };
      return checkInOf({ state: loaded.state, deployment, times, now: head.data, credit }, period);
    },
    enabled: period !== undefined && head.data !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const send = async (of: number) => {
    setChanged(undefined);
    setFailure(undefined);
    setPreparing(true);
    let fresh: CheckIn;
    try {
      // A funding (or any movement) that landed since the books shown is counted: the books are brought up to the
      // chain's head (the history's query refetched) and the digest sent is computed from them, at the head's time.
      const block = await getBlockNumber(client, { cacheTime: 0 });
      await history.refresh(block);
      const books = queryClient.getQueryData<LoadedHistory | null>([...HISTORY_KEY, "block", Number(block)]);
      if (!books) throw new Error(`no books at block ${block}`);
      const now = (await getBlock(client, { blockNumber: BigInt(books.lastBlock) })).timestamp;
      await loadBlockTimes(client, blocksToTime(books.state, true), times);
      const credit = { state: await latestCredit(client, found), account: OURS };
      fresh = checkInOf({ state: books.state, deployment, times, now, credit }, of);
    } finally {
      setPreparing(false);
    }
    const receipt = await tx.send({
      address: fed.address,
      abi: federationAbi,
      functionName: "checkIn",
      args: checkInArgs(OURS, of, fresh),
    });
    if (!receipt) return;
    // Recomputed as every peer will (the SDK's verifyCheckIns, from the logs before its CheckedIn log): a movement
    // mined between the computation and the check-in makes them differ.
    const after = await reload();
    const mine = after?.checkIns.find((c) => same(c.disco, OURS) && c.period === of);
    if (!after || !mine) return;
    const credit = await latestCredit(client, found);
    const [check] = await verifyCheckIns(client, found, { ...after, checkIns: [mine] }, [OUR_DISCO], { times, credit });
    if (check?.recomputed && check.differs.length > 0) setChanged(check.recomputed.digest);
  };
  const who = !address
    ? t("connect", { name: OUR_NAME })
    : !roles.treasurer && !roles.auditor
      ? t("onlyTreasurerAuditor", { name: OUR_NAME })
      : null;

  return (
    <article className="fed-action" data-testid="fed-check-in">
      <h3>{t("checkInTitle")}</h3>
      <p>{t("checkInExplain", { name: OUR_NAME })}</p>
      {period === undefined ? (
        <p className="muted">{t("noFinal")}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${ids}-period`}>{t("checkInPeriod")}</label>
            <select id={`${ids}-period`} value={period} onChange={(e) => setChosen(Number(e.target.value))}>
              {finals.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          {computed.isPending ? (
            <p role="status">{t("computing")}</p>
          ) : computed.isError ? (
            <p role="alert">{t("computeFailed", { error: computed.error.message })}</p>
          ) : (
            <p className="wrap">
              {t("digest")}: <code>{computed.data.digest}</code>
            </p>
          )}
          <ReasonedButton
            type="button"
            reason={who}
            reasonId={`${ids}-who`}
            busy={tx.busy || preparing || !computed.data}
            onClick={() => void send(period).catch((e: Error) => setFailure(e.message))}
          >
            {t("checkIn", { period })}
          </ReasonedButton>
          {preparing ? <p role="status">{t("refreshing")}</p> : null}
          {failure ? <p role="alert">{t("computeFailed", { error: failure })}</p> : null}
          <TxStatus tx={tx} />
          {changed ? (
            <p role="alert" className="wrap" data-testid="digest-changed">
              {t("digestChanged", { digest: changed })}
            </p>
          ) : null}
        </>
      )}
    </article>
  );
}

export function VerifyDesk({
  found,
  fed,
  discos,
  name,
  refetch,
}: {
  found: FoundFederation;
  fed: FederationState;
  discos: readonly FoundDisCO[] | undefined;
  name: (disco: string) => string;
  refetch: () => unknown;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const { address } = useConnection();
  const roles = useRoles(address);
  const client = usePublicClient({ chainId: chain.id });
  const tx = useTx();
  // Asked for by the button (each DisCO's history is read): a query, not a mutation, so that the page shares the
  // shell's code for it.
  const [asked, setAsked] = useState(0);
  const verify = useQuery({
    queryKey: ["verify-check-ins", chain.id, fed.address, asked],
    queryFn: async () =>
      verifyCheckIns(client, found, fed, discos ?? [], { times, credit: await latestCredit(client, found) }),
    enabled: asked > 0,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const who = !address
    ? t("connect", { name: OUR_NAME })
    : !roles.auditor
      ? t("onlyAuditor", { name: OUR_NAME })
      : null;
  const peers = (verify.data ?? []).filter((c) => !same(c.checkIn.disco, OURS));
  return (
    <article className="fed-action" data-testid="fed-verify">
      <h3>{t("verifyTitle")}</h3>
      <p>{t("verifyExplain", { name: OUR_NAME })}</p>
      <div className="row">
        <button type="button" disabled={verify.isFetching || !discos} onClick={() => setAsked(asked + 1)}>
          {t("verify")}
        </button>
      </div>
      {verify.isFetching ? <p role="status">{t("verifying")}</p> : null}
      {verify.isError ? <p role="alert">{t("verifyFailed", { error: verify.error.message })}</p> : null}
      {peers.length > 0 ? (
        <ul className="fed-checks">
          {peers.map(({ checkIn, recomputed, differs, error }) => {
            const key = `${checkIn.disco}-${checkIn.period}`;
            const judged = checkIn.verdicts.some((v) => same(v.peer, OURS));
            const figure = differs[0];
            return (
              <li key={key} data-testid={`verify-${checkIn.disco.toLowerCase()}-${checkIn.period}`}>
                <strong>
                  {name(checkIn.disco)} · {t("period", { period: checkIn.period })}
                </strong>{" "}
                {error ? t("notRecomputed", { error }) : checkInVerdict(differs, lang)}
                {judged ? (
                  <p className="muted">{t("judged", { name: OUR_NAME })}</p>
                ) : error ? (
                  <ChallengeChosen
                    id={`${ids}-${key}`}
                    who={who}
                    busy={tx.busy}
                    onChallenge={async (chosen, reason) => {
                      const ok = await tx.send({
                        address: fed.address,
                        abi: federationAbi,
                        functionName: "challengeCheckIn",
                        args: challengeArgs(OURS, checkIn.disco, checkIn.period, chosen, reason),
                      });
                      if (ok) refetch();
                    }}
                  />
                ) : recomputed ? (
                  <ReasonedButton
                    type="button"
                    reason={who}
                    reasonId={`${ids}-${key}`}
                    busy={tx.busy}
                    onClick={async () => {
                      const ok = await tx.send(
                        figure === undefined
                          ? {
                              address: fed.address,
                              abi: federationAbi,
                              functionName: "confirmCheckIn",
                              args: confirmArgs(OURS, checkIn.disco, checkIn.period),
                            }
                          : {
                              address: fed.address,
                              abi: federationAbi,
                              functionName: "challengeCheckIn",
                              // The reason is the record's, in English, as the CLI writes it.
                              args: challengeArgs(
                                OURS,
                                checkIn.disco,
                                checkIn.period,
                                figure,
                                describeDifference(figure, checkIn, recomputed),
                              ),
                            },
                      );
                      if (ok) refetch();
                    }}
                  >
                    {figure === undefined ? t("confirm") : t("challenge", { figure: figureName(figure, lang) })}
                  </ReasonedButton>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <TxStatus tx={tx} />
    </article>
  );
}

/**
 * A challenge of a check-in that could not be recomputed (its DisCO's logs do not fold): no figure can be compared, so
 * the auditor chooses the figure and says why, in their own words (the record keeps them as written).
 */
function ChallengeChosen({
  id,
  who,
  busy,
  onChallenge,
}: {
  id: string;
  who: string | null;
  busy: boolean;
  onChallenge: (figure: FigureName, reason: string) => Promise<void>;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const [figure, setFigure] = useState<FigureName>("Digest");
  const [reason, setReason] = useState("");
  return (
    <div className="stack" data-testid="challenge-chosen">
      <p className="muted">{t("challengeUnrecomputed")}</p>
      <div className="field">
        <label htmlFor={`${id}-figure`}>{t("challengeFigure")}</label>
        <select id={`${id}-figure`} value={figure} onChange={(e) => setFigure(e.target.value as FigureName)}>
          {FIGURES.map((f) => (
            <option key={f.name} value={f.name}>
              {figureName(f.name, lang)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("challengeReason")}</label>
        <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ReasonedButton
        type="button"
        reason={who ?? (reason.trim() === "" ? t("challengeReasonEmpty") : null)}
        reasonId={`${id}-why`}
        busy={busy}
        onClick={() => void onChallenge(figure, reason.trim())}
      >
        {t("challenge", { figure: figureName(figure, lang) })}
      </ReasonedButton>
    </div>
  );
}
