/**
 * Making a proposal without writing calldata: admit a member, change a stage, change a parameter, spend from the
 * treasury, or any call. Shows the call decoded, the kind the governor will give it and whether the timelock
 * could make it today, before anything is sent. Only Committed members propose (the governor's threshold).
 */
import { useId, useMemo, useState, type FormEvent } from "react";
import { useConnection, useReadContract } from "wagmi";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { PROPOSAL_KINDS } from "@disco-ledger/sdk/governance";
import { STAGES } from "@disco-ledger/sdk/members";
import { money, shortAddress } from "@disco-ledger/sdk/format";
import { governorAbi, tokenAbi, treasuryAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Section } from "../../ui/kit.tsx";
import { useNames } from "../../wallet/names.ts";
import { AbiFields, useInputProblemText } from "./AbiFields.tsx";
import { CallList } from "./CallView.tsx";
import {
  admitDraft,
  customDraft,
  emptyInput,
  isDatingStage,
  proposalDescription,
  settingDraft,
  signatureOf,
  spendDraft,
  stageDraft,
  writableFunctions,
  type CustomForm,
  type Draft,
  type DraftProblem,
} from "@disco-ledger/sdk/proposals";
import { GOVERNOR, REGISTRY, TREASURY } from "./registry.ts";
import { STAGE_NAMES } from "@disco-ledger/sdk/members";
import { settingOf } from "@disco-ledger/sdk/settings";
import { useKeyNames } from "./settingReads.ts";
import { firstSetting, SettingFields, useSettingInputs, type SettingFormState } from "./SettingFields.tsx";
import { useTimelockCheck } from "./useTimelockCheck.ts";

const messages = defineMessages(
  {
    title: "Make a proposal",
    action: "What to decide",
    admit: "Admit a member",
    stage: "Change a member's stage",
    parameter: "Change a rule or parameter",
    spend: "Spend from the treasury",
    custom: "Any other call (advanced)",
    account: "Address",
    member: "Member",
    chooseMember: "Choose a member…",
    newStage: "Stage",
    constituency: "Constituency",
    mentor: "Mentor (a Committed member)",
    noMentor: "No mentor",
    mentorHint: "Dating members need a Committed mentor; other stages have none.",
    setter: "Setting",
    to: "Pay to",
    amount: "Amount (€)",
    available: "Unallocated in the treasury now: {amount}",
    spendReason: "What it is for",
    target: "Contract",
    otherAddress: "Another address",
    targetAddress: "Target address",
    mode: "Call",
    modeFunction: "A function of the contract",
    modeRaw: "Raw calldata",
    function: "Function",
    chooseFunction: "Choose a function…",
    data: "Calldata (hex)",
    description: "Description",
    descriptionHint: "The first line is the title. Left empty, the summary shown is used.",
    decideBy: "How it is decided",
    standardChoice: "By vote: passes with the quorum and more For than Against",
    consent: "By consent: passes with more For than Against unless a Committed member blocks it",
    bylawNote: "A change to the rules of decisions (a bylaw) always needs the supermajority, whatever is chosen here.",
    problemTag:
      "The description starts with {tag}, which is not how you chose to decide. Choose above how it is decided and take {tag} out of the text.",
    problemChooseKey: "Choose what the setting is for.",
    problemValue: "“{name}” {problem}.",
    problemTooLarge: "A value is too large for this setting.",
    valueNumber: "must be a number with at most {decimals} decimals",
    valueWhole: "must be a whole number",
    valuePercent: "can be at most 100 %",
    valueYesNo: "must be yes or no",
    valueBasis: "must be credits or hours",
    valueEmpty: "is empty",
    sumSetting: "{sentence}",
    preview: "The call to be proposed",
    previewEmpty: "Fill in the form to see the call.",
    kind: "The governor will treat it as: {kind}",
    Standard: "Standard (quorum, then more For than Against)",
    Bylaw: "Bylaw (quorum, then the supermajority)",
    Consent: "Consent (quorum, more For than Against, and no block)",
    consentBylaw: "Bylaw changes can't be decided by consent: they always need the supermajority. Untick consent.",
    checkOk: "Checked: the timelock could make this call today.",
    checkGovernor: "Calls to the governor itself can only be checked when they are executed.",
    checking: "Checking the call as the timelock would make it…",
    checkFails: "The call would fail if executed today: {why}",
    force: "Propose it anyway (it may work once other decisions are executed)",
    submit: "Propose",
    notConnected: "Connect a wallet to make a proposal.",
    notCommitted: "Only Committed members can make proposals; you can still vote, or ask a Committed member.",
    notVoter: "Only Committed members can make proposals; ask one of them to propose what you have in mind.",
    problemAddress: "The {field} is not a valid address.",
    problemMentorNeeded: "A Dating member needs a mentor.",
    problemMentorSelf: "A member can't mentor themselves.",
    problemAmount: "Write an amount in euros, like 1250 or 1250.50.",
    problemReasonNeeded: "Say what the money is for.",
    problemChooseFunction: "Choose a function.",
    problemCalldata: "Calldata must be hexadecimal bytes starting with 0x.",
    problemInput: "“{name}” {problem}.",
    sumAdmit: "Admit {account} as {stage} ({constituency})",
    sumAdmitMentor: "Admit {account} as {stage} ({constituency}), mentored by {mentor}",
    sumStage: "Move {account} to stage {stage}",
    sumStageMentor: "Move {account} to stage {stage}, mentored by {mentor}",
    sumSpend: "Spend {amount} € to {to}: {reason}",
    sumCall: "Call {function} on {contract}",
    fieldaccount: "address",
    fieldmentor: "mentor",
    fieldto: "recipient",
    fieldtarget: "target",
  },
  {
    title: "Hacer una propuesta",
    action: "Qué decidir",
    admit: "Admitir a una persona socia",
    stage: "Cambiar la etapa de una socia",
    parameter: "Cambiar una norma o un parámetro",
    spend: "Gastar de la tesorería",
    custom: "Cualquier otra llamada (avanzado)",
    account: "Dirección",
    member: "Persona socia",
    chooseMember: "Elige a una persona…",
    newStage: "Etapa",
    constituency: "Colectivo",
    mentor: "Mentora (una socia comprometida)",
    noMentor: "Sin mentora",
    mentorHint: "Quien está en acercamiento (Dating) necesita una mentora comprometida; las demás etapas no llevan.",
    setter: "Ajuste",
    to: "Pagar a",
    amount: "Importe (€)",
    available: "Sin asignar en la tesorería ahora: {amount}",
    spendReason: "Para qué es",
    target: "Contrato",
    otherAddress: "Otra dirección",
    targetAddress: "Dirección de destino",
    mode: "Llamada",
    modeFunction: "Una función del contrato",
    modeRaw: "Datos de llamada en bruto",
    function: "Función",
    chooseFunction: "Elige una función…",
    data: "Datos de la llamada (hex)",
    description: "Descripción",
    descriptionHint: "La primera línea es el título. Si la dejas vacía, se usa el resumen que se muestra.",
    decideBy: "Cómo se decide",
    standardChoice: "Por votación: se aprueba con quórum y más votos a favor que en contra",
    consent:
      "Por consentimiento: se aprueba con más votos a favor que en contra salvo que una socia comprometida la bloquee",
    bylawNote:
      "Un cambio en las normas de decisión (estatutario) siempre necesita mayoría cualificada, se elija lo que se elija aquí.",
    problemTag:
      "La descripción empieza por {tag}, que no es como has elegido decidir. Elige arriba cómo se decide y quita {tag} del texto.",
    problemChooseKey: "Elige para qué es el ajuste.",
    problemValue: "«{name}» {problem}.",
    problemTooLarge: "Un valor es demasiado grande para este ajuste.",
    valueNumber: "debe ser un número con {decimals} decimales como mucho",
    valueWhole: "debe ser un número entero",
    valuePercent: "puede ser como mucho el 100 %",
    valueYesNo: "debe ser sí o no",
    valueBasis: "debe ser créditos u horas",
    valueEmpty: "está vacío",
    sumSetting: "{sentence}",
    preview: "La llamada que se propone",
    previewEmpty: "Rellena el formulario para ver la llamada.",
    kind: "El gobernador la tratará como: {kind}",
    Standard: "Ordinaria (quórum y más votos a favor que en contra)",
    Bylaw: "Estatutaria (quórum y mayoría cualificada)",
    Consent: "Por consentimiento (quórum, más a favor que en contra y ningún bloqueo)",
    consentBylaw:
      "Los cambios estatutarios no se pueden decidir por consentimiento: siempre necesitan mayoría cualificada. Desmarca el consentimiento.",
    checkOk: "Comprobado: el timelock podría hacer esta llamada hoy.",
    checkGovernor: "Las llamadas al propio gobernador solo se pueden comprobar al ejecutarlas.",
    checking: "Comprobando la llamada como la haría el timelock…",
    checkFails: "La llamada fallaría si se ejecutara hoy: {why}",
    force: "Proponerla de todos modos (puede funcionar cuando se ejecuten otras decisiones)",
    submit: "Proponer",
    notConnected: "Conecta una cartera para hacer una propuesta.",
    notCommitted:
      "Solo las personas socias comprometidas pueden hacer propuestas; puedes votar igualmente o pedírselo a una socia comprometida.",
    notVoter:
      "Solo las personas socias comprometidas pueden hacer propuestas; pide a una de ellas que proponga lo que tienes en mente.",
    problemAddress: "El campo {field} no es una dirección válida.",
    problemMentorNeeded: "Quien está en acercamiento necesita una mentora.",
    problemMentorSelf: "Nadie puede ser su propia mentora.",
    problemAmount: "Escribe un importe en euros, como 1250 o 1250,50.",
    problemReasonNeeded: "Di para qué es el dinero.",
    problemChooseFunction: "Elige una función.",
    problemCalldata: "Los datos de la llamada deben ser bytes en hexadecimal que empiecen por 0x.",
    problemInput: "«{name}» {problem}.",
    sumAdmit: "Admitir a {account} como {stage} ({constituency})",
    sumAdmitMentor: "Admitir a {account} como {stage} ({constituency}), con {mentor} como mentora",
    sumStage: "Pasar a {account} a la etapa {stage}",
    sumStageMentor: "Pasar a {account} a la etapa {stage}, con {mentor} como mentora",
    sumSpend: "Gastar {amount} € para {to}: {reason}",
    sumCall: "Llamar a {function} en {contract}",
    fieldaccount: "dirección",
    fieldmentor: "mentora",
    fieldto: "destinatario",
    fieldtarget: "destino",
  },
);

const ACTIONS = ["admit", "stage", "parameter", "spend", "custom"] as const;
type Action = (typeof ACTIONS)[number];
/** Stages a member can be admitted to or moved to (None is not a stage one chooses). */
const CHOOSABLE_STAGES = STAGES.map((_, value) => value).filter((value) => value > 0);

const CUSTOM_TARGETS = REGISTRY.map((c) => c.name);

export function NewProposal({ books }: { books: HistoryState }) {
  const t = useT(messages);
  const { lang } = useLang();
  const names = useNames();
  const inputProblem = useInputProblemText();
  const { address } = useConnection();
  const tx = useTx();
  const ids = useId();

  const [action, setAction] = useState<Action>("admit");
  const [admit, setAdmit] = useState({ account: "", stage: 2, constituency: -1, mentor: "" });
  const [stage, setStage] = useState({ account: "", stage: 5, mentor: "" });
  const [setting, setSetting] = useState<SettingFormState>(firstSetting);
  const settingInputs = useSettingInputs(setting);
  const keyNames = useKeyNames((n) => String(n));
  const [spend, setSpend] = useState({ to: "", amount: "", reason: "" });
  const [custom, setCustom] = useState<CustomForm>({
    target: "membership",
    address: "",
    mode: "function",
    signature: "",
    inputs: [],
    data: "",
  });
  const [description, setDescription] = useState("");
  const [consent, setConsent] = useState(false);
  const [force, setForce] = useState(false);

  const members = [...books.members.current.values()];
  const committed = members.filter((m) => m.stage === "Committed");
  const constituencies = [...books.constituencies.entries()]
    .filter(([, name]) => name !== "")
    .sort((a, b) => a[0] - b[0]);
  const constituency = admit.constituency >= 0 ? admit.constituency : (constituencies[0]?.[0] ?? 0);
  const person = (account: string) => {
    const name = names(account);
    return name ? `${name} (${shortAddress(account)})` : account;
  };

  const { data: currency } = useReadContract({
    address: TREASURY,
    abi: treasuryAbi,
    functionName: "currency",
  });
  const { data: decimals } = useReadContract({
    address: currency,
    abi: tokenAbi,
    functionName: "decimals",
    query: { enabled: Boolean(currency) },
  });
  const { data: unallocated } = useReadContract({
    address: TREASURY,
    abi: treasuryAbi,
    functionName: "unallocated",
    query: { enabled: action === "spend", refetchInterval: 5_000 },
  });

  const draft: Draft = useMemo(() => {
    switch (action) {
      case "admit":
        return admitDraft(
          REGISTRY,
          { ...admit, constituency },
          books.constituencies.get(constituency) ?? String(constituency),
        );
      case "stage":
        return stageDraft(REGISTRY, stage);
      case "parameter":
        return settingDraft(
          REGISTRY,
          { key: setting.key, keys: setting.keys, inputs: settingInputs.texts, unchanged: settingInputs.unchanged },
          lang,
          keyNames,
          decimals ?? 6,
        );
      case "spend":
        return spendDraft(REGISTRY, spend, decimals ?? 6);
      case "custom":
        return customDraft(REGISTRY, custom);
    }
  }, [
    action,
    admit,
    constituency,
    stage,
    setting,
    settingInputs,
    keyNames,
    spend,
    custom,
    decimals,
    lang,
    books.constituencies,
  ]);

  const summary = draft.ok
    ? t(
        draft.summary.key === "sumAdmit" && draft.summary.params.mentor
          ? "sumAdmitMentor"
          : draft.summary.key === "sumStage" && draft.summary.params.mentor
            ? "sumStageMentor"
            : draft.summary.key,
        draft.summary.params,
      )
    : "";
  const described = proposalDescription(description, summary, consent);
  const fullDescription = described.ok ? described.description : "";
  const call = draft.ok && described.ok ? draft.call : undefined;

  const { data: kind, error: kindError } = useReadContract({
    address: GOVERNOR,
    abi: governorAbi,
    functionName: "classify",
    args: call ? [[call.target], [call.data], fullDescription] : undefined,
    query: { enabled: Boolean(call) },
  });
  const consentBylaw = Boolean(kindError?.message.includes("DisCOGovernorConsentBylaw"));
  const check = useTimelockCheck(call, lang);

  const problemText = (problem: DraftProblem): string => {
    switch (problem.code) {
      case "address":
        return t("problemAddress", { field: t(`field${problem.field}` as "fieldaccount") });
      case "input":
        return t("problemInput", { name: problem.name, problem: inputProblem(problem.problem) });
      case "value": {
        const why = problem.problem;
        const text =
          why.code === "number"
            ? why.decimals === 0
              ? t("valueWhole")
              : t("valueNumber", { decimals: why.decimals })
            : t(`value${why.code[0].toUpperCase()}${why.code.slice(1)}` as "valuePercent");
        return t("problemValue", { name: problem.name, problem: text });
      }
      default:
        return t(
          `problem${problem.code[0].toUpperCase()}${problem.code.slice(1)}` as
            | "problemMentorNeeded"
            | "problemMentorSelf"
            | "problemAmount"
            | "problemReasonNeeded"
            | "problemChooseFunction"
            | "problemCalldata"
            | "problemChooseKey"
            | "problemTooLarge",
        );
    }
  };

  const me = address ? books.members.current.get(address.toLowerCase()) : undefined;
  // A Dating member still votes (advisory); a Casual member or someone outside the cooperative does not.
  const who = !address
    ? t("notConnected")
    : me?.stage === "Committed"
      ? null
      : me?.stage.startsWith("Dating")
        ? t("notCommitted")
        : t("notVoter");
  const blocked = check.status === "fails" && !force;
  const canSubmit =
    who === null && Boolean(call) && !consentBylaw && !blocked && check.status !== "checking" && !tx.busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!call || !canSubmit) return;
    const ok = await tx.send({
      address: GOVERNOR,
      abi: governorAbi,
      functionName: "propose",
      args: [[call.target], [call.value], [call.data], fullDescription],
    });
    if (ok) {
      setDescription("");
      setConsent(false);
      setForce(false);
      setAdmit({ account: "", stage: 2, constituency: -1, mentor: "" });
      setSpend({ to: "", amount: "", reason: "" });
      setSetting(firstSetting());
    }
  };

  const customContract = REGISTRY.find((c) => c.name === custom.target);
  // The advanced form is for calls the settings catalogue has no entry for.
  const customFunctions = customContract
    ? writableFunctions(customContract.abi).filter((fn) => !settingOf(customContract.name, fn.name))
    : [];
  const customFn = customFunctions.find((fn) => signatureOf(fn) === custom.signature);

  const mentorSelect = (value: string, stageValue: number, onChange: (mentor: string) => void) => (
    <div className="field">
      <label htmlFor={`${ids}-f1`}>{t("mentor")}</label>
      <select
        id={`${ids}-f1`}
        name="mentor"
        value={isDatingStage(stageValue) ? value : ""}
        disabled={!isDatingStage(stageValue)}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${ids}-mentor`}
      >
        <option value="">{t("noMentor")}</option>
        {committed.map((m) => (
          <option key={m.account} value={m.account}>
            {person(m.account)}
          </option>
        ))}
      </select>
      <small id={`${ids}-mentor`} className="muted">
        {t("mentorHint")}
      </small>
    </div>
  );
  const stageSelect = (value: number, onChange: (stage: number) => void) => (
    <div className="field">
      <label htmlFor={`${ids}-f2`}>{t("newStage")}</label>
      <select id={`${ids}-f2`} name="stage" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {CHOOSABLE_STAGES.map((value) => (
          <option key={value} value={value}>
            {STAGE_NAMES[lang][value]}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Section title={t("title")}>
      <form className="stack new-proposal" data-testid="new-proposal" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${ids}-f3`}>{t("action")}</label>
          <select
            id={`${ids}-f3`}
            name="action"
            value={action}
            onChange={(e) => {
              setAction(e.target.value as Action);
              setForce(false);
              tx.reset();
            }}
          >
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(a)}
              </option>
            ))}
          </select>
        </div>

        {action === "admit" ? (
          <fieldset className="stack">
            <legend>{t("admit")}</legend>
            <div className="field">
              <label htmlFor={`${ids}-f4`}>{t("account")}</label>
              <input
                id={`${ids}-f4`}
                name="account"
                value={admit.account}
                placeholder="0x…"
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setAdmit({ ...admit, account: e.target.value })}
              />
            </div>
            {stageSelect(admit.stage, (s) => setAdmit({ ...admit, stage: s }))}
            <div className="field">
              <label htmlFor={`${ids}-f5`}>{t("constituency")}</label>
              <select
                id={`${ids}-f5`}
                name="constituency"
                value={constituency}
                onChange={(e) => setAdmit({ ...admit, constituency: Number(e.target.value) })}
              >
                {constituencies.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            {mentorSelect(admit.mentor, admit.stage, (mentor) => setAdmit({ ...admit, mentor }))}
          </fieldset>
        ) : null}

        {action === "stage" ? (
          <fieldset className="stack">
            <legend>{t("stage")}</legend>
            <div className="field">
              <label htmlFor={`${ids}-f6`}>{t("member")}</label>
              <select
                id={`${ids}-f6`}
                value={stage.account}
                onChange={(e) => setStage({ ...stage, account: e.target.value })}
              >
                <option value="">{t("chooseMember")}</option>
                {members.map((m) => (
                  <option key={m.account} value={m.account}>
                    {person(m.account)} — {STAGE_NAMES[lang][STAGES.indexOf(m.stage)]}
                  </option>
                ))}
              </select>
            </div>
            {stageSelect(stage.stage, (s) => setStage({ ...stage, stage: s }))}
            {mentorSelect(stage.mentor, stage.stage, (mentor) => setStage({ ...stage, mentor }))}
          </fieldset>
        ) : null}

        {action === "parameter" ? (
          <fieldset className="stack" data-testid="change-setting">
            <legend>{t("parameter")}</legend>
            <SettingFields form={setting} onChange={setSetting} />
          </fieldset>
        ) : null}

        {action === "spend" ? (
          <fieldset className="stack">
            <legend>{t("spend")}</legend>
            <div className="field">
              <label htmlFor={`${ids}-f8`}>{t("to")}</label>
              <input
                id={`${ids}-f8`}
                name="to"
                value={spend.to}
                placeholder="0x…"
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setSpend({ ...spend, to: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-f9`}>{t("amount")}</label>
              <input
                id={`${ids}-f9`}
                name="amount"
                inputMode="decimal"
                value={spend.amount}
                onChange={(e) => setSpend({ ...spend, amount: e.target.value })}
                aria-describedby={`${ids}-available`}
              />
              {unallocated !== undefined ? (
                <small id={`${ids}-available`} className="muted">
                  {t("available", { amount: money(unallocated, lang, decimals ?? 6) })}
                </small>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor={`${ids}-f10`}>{t("spendReason")}</label>
              <input
                id={`${ids}-f10`}
                name="reason"
                value={spend.reason}
                onChange={(e) => setSpend({ ...spend, reason: e.target.value })}
              />
            </div>
          </fieldset>
        ) : null}

        {action === "custom" ? (
          <fieldset className="stack">
            <legend>{t("custom")}</legend>
            <div className="field">
              <label htmlFor={`${ids}-f11`}>{t("target")}</label>
              <select
                id={`${ids}-f11`}
                value={custom.target}
                onChange={(e) => setCustom({ ...custom, target: e.target.value, signature: "", inputs: [] })}
              >
                {CUSTOM_TARGETS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
                <option value="address">{t("otherAddress")}</option>
              </select>
            </div>
            {custom.target === "address" ? (
              <div className="field">
                <label htmlFor={`${ids}-f12`}>{t("targetAddress")}</label>
                <input
                  id={`${ids}-f12`}
                  value={custom.address}
                  placeholder="0x…"
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => setCustom({ ...custom, address: e.target.value })}
                />
              </div>
            ) : (
              <div className="field">
                <label htmlFor={`${ids}-f13`}>{t("mode")}</label>
                <select
                  id={`${ids}-f13`}
                  value={custom.mode}
                  onChange={(e) => setCustom({ ...custom, mode: e.target.value as CustomForm["mode"] })}
                >
                  <option value="function">{t("modeFunction")}</option>
                  <option value="raw">{t("modeRaw")}</option>
                </select>
              </div>
            )}
            {custom.target !== "address" && custom.mode === "function" ? (
              <>
                <div className="field">
                  <label htmlFor={`${ids}-f14`}>{t("function")}</label>
                  <select
                    id={`${ids}-f14`}
                    value={custom.signature}
                    onChange={(e) => {
                      const fn = customFunctions.find((f) => signatureOf(f) === e.target.value);
                      setCustom({ ...custom, signature: e.target.value, inputs: fn?.inputs.map(emptyInput) ?? [] });
                    }}
                  >
                    <option value="">{t("chooseFunction")}</option>
                    {customFunctions.map((fn) => (
                      <option key={signatureOf(fn)} value={signatureOf(fn)}>
                        {signatureOf(fn)}
                      </option>
                    ))}
                  </select>
                </div>
                {customFn ? (
                  <AbiFields
                    inputs={customFn.inputs}
                    values={custom.inputs}
                    onChange={(inputs) => setCustom({ ...custom, inputs })}
                  />
                ) : null}
              </>
            ) : (
              <div className="field">
                <label htmlFor={`${ids}-f15`}>{t("data")}</label>
                <textarea
                  id={`${ids}-f15`}
                  rows={3}
                  spellCheck={false}
                  value={custom.data}
                  placeholder="0x"
                  onChange={(e) => setCustom({ ...custom, data: e.target.value })}
                />
              </div>
            )}
          </fieldset>
        ) : null}

        <div className="field">
          <label htmlFor={`${ids}-f16`}>{t("description")}</label>
          <textarea
            id={`${ids}-f16`}
            name="description"
            rows={3}
            value={description}
            placeholder={summary}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={`${ids}-desc`}
          />
          <small id={`${ids}-desc`} className="muted">
            {t("descriptionHint")}
          </small>
        </div>
        <fieldset className="stack decide-by">
          <legend>{t("decideBy")}</legend>
          <label className="check">
            <input
              type="radio"
              name="decideBy"
              value="standard"
              checked={!consent}
              onChange={() => setConsent(false)}
            />
            <span>{t("standardChoice")}</span>
          </label>
          <label className="check">
            <input type="radio" name="decideBy" value="consent" checked={consent} onChange={() => setConsent(true)} />
            <span>{t("consent")}</span>
          </label>
          <small className="muted">{t("bylawNote")}</small>
        </fieldset>

        <div className="preview" aria-live="polite">
          <h3>{t("preview")}</h3>
          {call ? (
            <>
              <CallList calls={[call]} />
              <p className="muted">
                <em>{fullDescription}</em>
              </p>
              {kind !== undefined ? <p>{t("kind", { kind: t(PROPOSAL_KINDS[kind]) })}</p> : null}
              {consentBylaw ? <p className="why">{t("consentBylaw")}</p> : null}
              {check.status === "ok" ? <p className="ok">{t("checkOk")}</p> : null}
              {check.status === "governor" ? <p className="muted">{t("checkGovernor")}</p> : null}
              {check.status === "checking" ? <p className="muted">{t("checking")}</p> : null}
              {check.status === "fails" ? (
                <>
                  <p className="why">{t("checkFails", { why: check.why })}</p>
                  <label className="check">
                    <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
                    <span>{t("force")}</span>
                  </label>
                </>
              ) : null}
            </>
          ) : !described.ok ? (
            <p className="why" data-testid="description-tag">
              {t("problemTag", { tag: described.tag })}
            </p>
          ) : !draft.ok && draft.problem ? (
            <p className="why">{problemText(draft.problem)}</p>
          ) : (
            <p className="muted">{t("previewEmpty")}</p>
          )}
        </div>

        {who ? <p className="why">{who}</p> : null}
        <div className="row">
          <button type="submit" disabled={!canSubmit}>
            {t("submit")}
          </button>
        </div>
        <TxStatus tx={tx} />
      </form>
    </Section>
  );
}
