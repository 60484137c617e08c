/**
 * A DisCO's public profile: the document its members recorded (Membership.profile(): its address and hash), fetched
 * and checked against that hash by the SDK's readProfile; and a form that builds a new document (the SDK's
 * profile.ts: Murmurations' organisation fields, problems field by field), shows its text and hash, and drafts the
 * setProfile proposal the members vote on.
 */
import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { zeroHash, type Hex } from "viem";
import { useReadContract } from "wagmi";
import { membershipAbi } from "@disco-ledger/sdk/abis";
import {
  profileDocument,
  profileHash,
  profileProblems,
  profileText,
  readProfile,
  type ProfileDocument,
  type ProfileInput,
} from "@disco-ledger/sdk/profile";
import { setProfileCall } from "@disco-ledger/sdk/proposals";
import { deployment } from "../../chain.ts";
import { useLang, useT } from "../../i18n.tsx";
import { Section } from "../../ui/kit.tsx";
import { ProposeCalls } from "../federation/ProposeCalls.tsx";
import { dataUri, fetchableUri, profileForm, profileInput, shownProfile, type ProfileForm } from "./form.ts";
import { messages } from "./messages.ts";
import "./profile.css";

const MEMBERSHIP = deployment.contracts.membership.address;

type Checked = { document: ProfileDocument } | { problem: "hash" | "shape" | "unfetchable" };

export default function ProfilePage() {
  const t = useT(messages);
  const recorded = useReadContract({ address: MEMBERSHIP, abi: membershipAbi, functionName: "profile" });
  const [uri, hash] = recorded.data ?? ["", zeroHash];
  const fetched = useQuery({
    queryKey: ["profile-document", uri, hash],
    queryFn: async (): Promise<Checked> => {
      const from = fetchableUri(uri);
      if (from === undefined) return { problem: "unfetchable" };
      const response = await fetch(from);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      return readProfile(await response.text(), hash as Hex);
    },
    enabled: uri !== "",
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const document = fetched.data && "document" in fetched.data ? fetched.data.document : undefined;
  const name = deployment.name ?? "";

  return (
    <div className="profile-page">
      <Section title={t("published")}>
        <p>{t("publishedIntro", { name })}</p>
        {recorded.data === undefined ? null : uri === "" ? (
          <p data-testid="profile-none">{t("none", { name })}</p>
        ) : (
          <>
            <dl className="profile-record">
              <dt>{t("uri")}</dt>
              <dd>
                <code className="wrap" data-testid="profile-uri">
                  {uri.length > 120 ? `${uri.slice(0, 120)}…` : uri}
                </code>
              </dd>
              <dt>{t("hash")}</dt>
              <dd>
                <code className="wrap">{hash}</code>
              </dd>
            </dl>
            {fetched.isPending ? (
              <p role="status">{t("fetching")}</p>
            ) : fetched.isError ? (
              <p role="alert">{t("fetchFailed", { error: fetched.error.message })}</p>
            ) : fetched.data && "problem" in fetched.data ? (
              <p role="alert" className="why" data-testid="profile-problem">
                {t(
                  fetched.data.problem === "hash"
                    ? "badHash"
                    : fetched.data.problem === "shape"
                      ? "badShape"
                      : "unfetchable",
                )}
              </p>
            ) : document ? (
              <ProfileView document={document} />
            ) : null}
          </>
        )}
      </Section>
      {recorded.data === undefined || (uri !== "" && fetched.isPending) ? null : (
        <ProfileEditor key={hash} initial={profileForm(document, name)} />
      )}
    </div>
  );
}

function ProfileView({ document }: { document: ProfileDocument }) {
  const t = useT(messages);
  const shown = shownProfile(document);
  const place = [shown.locality, shown.region, shown.country].filter(Boolean).join(", ");
  return (
    <div data-testid="profile-document">
      <p className="ok">{t("checked")}</p>
      <h3>{shown.name}</h3>
      <p>{shown.description}</p>
      <dl className="profile-record">
        <dt>{t("website")}</dt>
        <dd>
          {shown.website ? (
            <a href={shown.website} rel="noopener noreferrer" target="_blank">
              {shown.website}
            </a>
          ) : (
            <span className="muted">{t("noWebsite")}</span>
          )}
        </dd>
        <dt>{t("languages")}</dt>
        <dd>{shown.languages.join(", ")}</dd>
        {place ? (
          <>
            <dt>{t("place")}</dt>
            <dd>{place}</dd>
          </>
        ) : null}
        <dt>{t("offers")}</dt>
        <dd>
          <ul className="tags">
            {shown.offers.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </dd>
      </dl>
    </div>
  );
}

const FIELDS: { key: keyof ProfileForm; problem: keyof ProfileInput; hint?: "languagesHint" | "offersHint" }[] = [
  { key: "name", problem: "name" },
  { key: "description", problem: "description" },
  { key: "languages", problem: "languages", hint: "languagesHint" },
  { key: "locality", problem: "place" },
  { key: "region", problem: "place" },
  { key: "country", problem: "place" },
  { key: "website", problem: "website" },
  { key: "offers", problem: "offers", hint: "offersHint" },
];

function ProfileEditor({ initial }: { initial: ProfileForm }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const [form, setForm] = useState(initial);
  const [edited, setEdited] = useState(false);
  const [uri, setUri] = useState("");
  const input = profileInput(form);
  const problems = profileProblems(input);
  const text = problems.length === 0 ? profileText(profileDocument(input)) : undefined;
  const hash = text === undefined ? undefined : profileHash(text);
  const draft = useMemo(
    () => (hash && uri.trim() !== "" ? setProfileCall(MEMBERSHIP, uri.trim(), hash, lang) : undefined),
    [hash, uri, lang],
  );
  const problemOf = (field: keyof ProfileInput) => problems.find((p) => p.field === field)?.message[lang];
  // The country's problem is said once, under the country.
  const shownProblem = (key: keyof ProfileForm, field: keyof ProfileInput) =>
    edited && (field !== "place" || key === "country") ? problemOf(field) : undefined;

  return (
    <Section title={t("edit")}>
      <p>{t("editIntro")}</p>
      <form className="stack profile-form" data-testid="profile-form" onSubmit={(e) => e.preventDefault()} noValidate>
        {FIELDS.map(({ key, problem, hint }) => {
          const why = shownProblem(key, problem);
          const described = [hint ? `${ids}-${key}-hint` : "", why ? `${ids}-${key}-why` : ""].join(" ").trim();
          const props = {
            id: `${ids}-${key}`,
            name: key,
            value: form[key],
            "aria-invalid": why ? true : undefined,
            "aria-describedby": described || undefined,
            onChange: (e: { target: { value: string } }) => {
              setForm({ ...form, [key]: e.target.value });
              setEdited(true);
            },
          };
          return (
            <div className="field" key={key}>
              <label htmlFor={props.id}>{t(key)}</label>
              {key === "description" ? <textarea rows={3} {...props} /> : <input autoComplete="off" {...props} />}
              {hint ? (
                <small id={`${ids}-${key}-hint`} className="muted">
                  {t(hint)}
                </small>
              ) : null}
              {why ? (
                <small id={`${ids}-${key}-why`} className="why" data-testid={`problem-${key}`}>
                  {why}
                </small>
              ) : null}
            </div>
          );
        })}
        {text && hash ? (
          <div className="preview">
            <h3>{t("document")}</h3>
            <pre className="wrap" data-testid="profile-text">
              {text}
            </pre>
            <p>
              <code className="wrap" data-testid="profile-hash">
                {t("documentHash", { hash })}
              </code>
            </p>
            <div className="field">
              <label htmlFor={`${ids}-uri`}>{t("publishAt")}</label>
              <input
                id={`${ids}-uri`}
                name="uri"
                value={uri}
                spellCheck={false}
                autoComplete="off"
                placeholder="https://…"
                aria-describedby={`${ids}-uri-hint`}
                onChange={(e) => setUri(e.target.value)}
              />
              <small id={`${ids}-uri-hint`} className="muted">
                {t("publishHint")}
              </small>
            </div>
            <div className="row">
              <button type="button" onClick={() => setUri(dataUri(text))}>
                {t("useData")}
              </button>
            </div>
          </div>
        ) : null}
        <ProposeCalls draft={draft} reason={!text ? t("fixFirst") : uri.trim() === "" ? t("uriEmpty") : null} />
      </form>
    </Section>
  );
}
