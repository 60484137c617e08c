/** The "Start a DisCO" form's words, in English and Spanish, and what each problem the SDK finds says. */
import type { FoundingProblem } from "@disco-ledger/sdk/founding";
import type { Unit, ValueProblem } from "@disco-ledger/sdk/settings";
import { defineMessages } from "../../i18n.tsx";

export const messages = defineMessages(
  {
    title: "Start a DisCO",
    intro:
      "A few steps, each checked before the next; then a review of everything, and one transaction starts the DisCO. Nothing is sent before you confirm it.",
    noFactory: "This network has no DisCO factory, so no DisCO can be started here from the app.",
    stepOf: "Step {step} of {steps}",
    step_name: "Name",
    step_constituencies: "Constituencies",
    step_founders: "Founders",
    step_treasurers: "Treasurers",
    step_rules: "Rules",
    step_currency: "Currency",
    step_review: "Review and start",
    about_name: "What the DisCO is called, and the short symbol of its membership tokens.",
    about_constituencies:
      "The groups members belong to (workers, the community, clients…); each has its weight in decisions, set later by a vote.",
    about_founders:
      "The first members, each with their account, stage and constituency. At least one must be Committed: only Committed members vote.",
    about_treasurers:
      "Treasurers close work periods and fund payouts. You may name none now: the members can name them later by a vote.",
    about_rules:
      "How the DisCO decides and pays, with the DisCO model's defaults: keep them or change them. The members can change each one later by a vote.",
    about_currency: "The money the treasury holds and pays in: the address of its token contract on this network.",
    about_review: "Everything the DisCO starts with, in words. Starting it is one transaction, from your account.",
    name: "Name",
    symbol: "Symbol",
    symbolHint: "A few capital letters, like a ticker: shown in wallets beside each membership.",
    constituency: "Constituency {number}",
    addConstituency: "Add a constituency",
    removeConstituency: "Remove {name}",
    founder: "Founder {number}",
    account: "Account address",
    stage: "Stage",
    constituencyOf: "Constituency",
    mentor: "Mentor (a Committed founder listed above)",
    chooseMentor: "Choose a mentor",
    addFounder: "Add a founder",
    removeFounder: "Remove founder {number}",
    committed_one: "{count} Committed founder: they can vote from the start.",
    committed_other: "{count} Committed founders: they can vote from the start.",
    treasurer: "Treasurer {number}",
    addTreasurer: "Add a treasurer",
    removeTreasurer: "Remove treasurer {number}",
    noTreasurers: "No treasurer: the members name them later by a vote.",
    modelDefault: "The DisCO model starts with {value}.",
    otherRules:
      "Every other rule (how much of each stage's work is payable, approvals, caps, the capital accounts' shares) starts at the DisCO model's defaults.",
    unit_days: "days",
    unit_hours: "hours",
    unit_percent: "%",
    unit_votes: "votes",
    unit_times: "×",
    unit_euros: "in the currency",
    currency: "Currency",
    localCurrency: "On this local chain, the demo's euro (DemoEuro) is offered.",
    currencyChecking: "Checking the currency…",
    currencyUnread: "Could not read the currency: {error}",
    currencyNoContract: "There is no contract at this address on this network: it is not a currency.",
    currencyNoDecimals:
      "This contract does not say how many decimals it counts in: it is not a currency the treasury can hold.",
    currencyOk: "{name} ({symbol}): a currency that counts in {decimals} decimals.",
    back: "Back",
    next: "Next",
    reviewName: "“{name}”, its membership tokens called {symbol}",
    reviewFounder: "— {stage}, {constituency}",
    reviewMentor: ", mentored by",
    gas: "Estimated cost",
    gasConnect: "Connect your wallet to estimate the transaction's cost.",
    gasEstimating: "Estimating…",
    gasFailed: "The transaction would fail: {error}",
    gasEstimate: "{units} gas, about {cost} at today's price",
    connectFirst: "Connect your wallet first: the DisCO is started from your account.",
    fixStep: "Go back to “{step}”: something there needs fixing.",
    startIt: "Start the DisCO",
    problem_empty: "This can't be empty.",
    problem_address: "This is not an account address (0x followed by 40 hexadecimal characters).",
    problem_duplicate: "This address is already listed above.",
    problem_tooMany: "At most {most}.",
    problem_stage: "Choose a stage.",
    problem_constituency: "Choose one of the constituencies.",
    problem_mentor: "A founder in a Dating stage needs a Committed founder listed above as mentor.",
    problem_noCommitted:
      "At least one founder must be Committed: only Committed members vote, and a DisCO nobody can vote in can decide nothing.",
    problem_bucketsSum: "The three shares add up to {sum} %, not 100 %.",
    problem_quorum: "Between 1 % and 100 %.",
    problem_supermajority: "“For” must be at least 1 and at most “Out of”.",
    value_number: "A number, with at most {decimals} decimals.",
    value_percent: "At most 100 %.",
  },
  {
    title: "Empezar una DisCO",
    intro:
      "Unos pocos pasos, cada uno comprobado antes del siguiente; luego un repaso de todo, y una sola transacción empieza la DisCO. No se envía nada antes de que lo confirmes.",
    noFactory: "Esta red no tiene fábrica de DisCOs, así que desde la aplicación no se puede empezar ninguna aquí.",
    stepOf: "Paso {step} de {steps}",
    step_name: "Nombre",
    step_constituencies: "Colectivos",
    step_founders: "Fundadoras",
    step_treasurers: "Tesoreras",
    step_rules: "Normas",
    step_currency: "Moneda",
    step_review: "Repasar y empezar",
    about_name: "Cómo se llama la DisCO, y el símbolo corto de sus fichas de membresía.",
    about_constituencies:
      "Los grupos a los que pertenecen las socias (trabajadoras, comunidad, clientes…); cada uno tiene su peso en las decisiones, que se fija después por votación.",
    about_founders:
      "Las primeras socias, cada una con su cuenta, etapa y colectivo. Al menos una debe ser comprometida: solo las socias comprometidas votan.",
    about_treasurers:
      "Las tesoreras cierran los periodos de trabajo y financian los pagos. Puedes no nombrar a ninguna ahora: las socias pueden nombrarlas después por votación.",
    about_rules:
      "Cómo decide y paga la DisCO, con los valores por defecto del modelo DisCO: mantenlos o cámbialos. Las socias pueden cambiar cada uno después por votación.",
    about_currency:
      "El dinero que guarda y con el que paga la tesorería: la dirección de su contrato de token en esta red.",
    about_review:
      "Todo aquello con lo que empieza la DisCO, en palabras. Empezarla es una transacción, desde tu cuenta.",
    name: "Nombre",
    symbol: "Símbolo",
    symbolHint: "Unas pocas mayúsculas, como un código bursátil: se muestra en las carteras junto a cada membresía.",
    constituency: "Colectivo {number}",
    addConstituency: "Añadir un colectivo",
    removeConstituency: "Quitar {name}",
    founder: "Fundadora {number}",
    account: "Dirección de la cuenta",
    stage: "Etapa",
    constituencyOf: "Colectivo",
    mentor: "Mentora (una fundadora comprometida de más arriba)",
    chooseMentor: "Elige una mentora",
    addFounder: "Añadir una fundadora",
    removeFounder: "Quitar a la fundadora {number}",
    committed_one: "{count} fundadora comprometida: puede votar desde el principio.",
    committed_other: "{count} fundadoras comprometidas: pueden votar desde el principio.",
    treasurer: "Tesorera {number}",
    addTreasurer: "Añadir una tesorera",
    removeTreasurer: "Quitar a la tesorera {number}",
    noTreasurers: "Ninguna tesorera: las socias las nombran después por votación.",
    modelDefault: "El modelo DisCO empieza con {value}.",
    otherRules:
      "Todas las demás normas (cuánto del trabajo de cada etapa es pagable, aprobaciones, topes, las partes de las cuentas de capital) empiezan con los valores por defecto del modelo DisCO.",
    unit_days: "días",
    unit_hours: "horas",
    unit_percent: "%",
    unit_votes: "votos",
    unit_times: "×",
    unit_euros: "en la moneda",
    currency: "Moneda",
    localCurrency: "En esta cadena local se ofrece el euro de la demo (DemoEuro).",
    currencyChecking: "Comprobando la moneda…",
    currencyUnread: "No se ha podido leer la moneda: {error}",
    currencyNoContract: "No hay ningún contrato en esta dirección en esta red: no es una moneda.",
    currencyNoDecimals:
      "Este contrato no dice con cuántos decimales cuenta: no es una moneda que la tesorería pueda guardar.",
    currencyOk: "{name} ({symbol}): una moneda que cuenta con {decimals} decimales.",
    back: "Atrás",
    next: "Siguiente",
    reviewName: "«{name}», con fichas de membresía llamadas {symbol}",
    reviewFounder: "— {stage}, {constituency}",
    reviewMentor: ", con la mentora",
    gas: "Coste estimado",
    gasConnect: "Conecta tu cartera para estimar el coste de la transacción.",
    gasEstimating: "Estimando…",
    gasFailed: "La transacción fallaría: {error}",
    gasEstimate: "{units} de gas, unos {cost} al precio de hoy",
    connectFirst: "Conecta antes tu cartera: la DisCO se empieza desde tu cuenta.",
    fixStep: "Vuelve a «{step}»: hay algo que corregir.",
    startIt: "Empezar la DisCO",
    problem_empty: "No puede quedar vacío.",
    problem_address: "Esto no es una dirección de cuenta (0x seguido de 40 caracteres hexadecimales).",
    problem_duplicate: "Esta dirección ya está más arriba.",
    problem_tooMany: "Como mucho {most}.",
    problem_stage: "Elige una etapa.",
    problem_constituency: "Elige uno de los colectivos.",
    problem_mentor:
      "Una fundadora en etapa de prueba necesita como mentora a una fundadora comprometida de más arriba.",
    problem_noCommitted:
      "Al menos una fundadora debe ser comprometida: solo las socias comprometidas votan, y una DisCO en la que nadie puede votar no puede decidir nada.",
    problem_bucketsSum: "Las tres partes suman {sum} %, no 100 %.",
    problem_quorum: "Entre el 1 % y el 100 %.",
    problem_supermajority: "«A favor» debe ser al menos 1 y como mucho «De cada».",
    value_number: "Un número, con {decimals} decimales como mucho.",
    value_percent: "Como mucho el 100 %.",
  },
);

type Key = keyof typeof messages.en;
type Translate = (key: Key, params?: Record<string, string | number>) => string;

/** The words of the units the form's rules are typed in. */
export const UNIT_KEYS: Partial<Record<Unit, Key>> = {
  days: "unit_days",
  hours: "unit_hours",
  percent: "unit_percent",
  votes: "unit_votes",
  times: "unit_times",
  euros: "unit_euros",
};

/** What a founding problem says, under its field. */
export function problemText(problem: FoundingProblem, t: Translate): string {
  switch (problem.code) {
    case "tooMany":
      return t("problem_tooMany", { most: problem.most });
    case "bucketsSum":
      return t("problem_bucketsSum", { sum: problem.sum / 100 });
    case "range":
      return t(problem.field === "governorSettings.quorumBps" ? "problem_quorum" : "problem_supermajority");
    default:
      return t(`problem_${problem.code}`);
  }
}

/** What a rule's typed value that is not a value in its unit says. */
export function ruleProblemText(problem: ValueProblem, t: Translate): string {
  switch (problem.code) {
    case "number":
      return t("value_number", { decimals: problem.decimals });
    case "percent":
      return t("value_percent");
    default:
      return t("problem_empty");
  }
}
