/**
 * Why a call or a transaction failed, one decoder for the CLI, the dry runs and the app. A revert is decoded by every
 * custom error of every DisCO contract (a call can fail deep inside: a proposal's execution reverts with the
 * treasury's error), wherever its data sits in the error's chain (viem's decoded revert, its raw data, the node's
 * answer), then told by ERROR_SENTENCES with each named argument filled in. Pure.
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  isHex,
  UserRejectedRequestError,
  type Hex,
} from "viem";
import type { Abi, AbiError } from "abitype";
import { creditAbi, discoAbis, factoryAbi, federationAbi } from "./generated/abis.ts";
import { dateTime, duration, money, workAmount, type Lang } from "./format.ts";

/**
 * Every custom error of every contract, of the factory that starts DisCOs, of their federations and of the
 * federations' credit networks, once: appended to a call's ABI so that any of them decodes.
 */
export const ALL_ERRORS: AbiError[] = (() => {
  const seen = new Map<string, AbiError>();
  for (const abi of [...Object.values(discoAbis), factoryAbi, federationAbi, creditAbi] as Abi[]) {
    for (const item of abi) {
      if (item.type === "error") seen.set(`${item.name}(${item.inputs.map((i) => i.type).join(",")})`, item);
    }
  }
  return [...seen.values()];
})();

/**
 * Sentences per error name, for a member who has never heard of a smart contract: what happened and, where there is
 * one, what to do. `{0}`, `{1}`... are the error's arguments, `{name}` its named ones, shown as ARG_FORMATS says;
 * raw token amounts and hashes are left out unless formatted (they would read as long numbers), periods, entries and
 * counts are used.
 */
export const ERROR_SENTENCES: Record<Lang, Record<string, string>> = {
  en: {
    // ---------------------------------------------------------------------------------------------- roles
    AccessControlUnauthorizedAccount:
      "Your account does not have the role this needs: only the people the members chose for it (treasurers, auditors, or the members' vote itself) can do it.",
    AccessControlBadConfirmation:
      "A role can only be given up by the account that holds it, confirming its own address.",
    // ---------------------------------------------------------------------------------------------- ledger
    LedgerZeroAmount: "The amount of work can't be zero.",
    LedgerAmountTooLarge:
      "That amount is larger than one entry may record (at most {maxAmount} credits or hours); split it into several entries.",
    LedgerDisputeSettled:
      "Entry {entryId} was already accepted by the members after a dispute, so it can't be disputed again.",
    LedgerUnknownStream: "There is no such value stream: choose Livelihood, Love or Care.",
    LedgerPeriodNotOpen: "Work can only be logged in the open period (period {openPeriod}), not in period {period}.",
    LedgerNotMember: "Only members of the cooperative can do this, and this account is not one.",
    LedgerStreamNotAllowed:
      "Members at your stage can't log work in this stream (Casual members log Love and Care work only).",
    LedgerOverCap: "This entry would take you over the limit the members set for this stream in one period.",
    LedgerNotCommitted: "Only Committed members can review work, and this account is not one.",
    LedgerSelfReview: "You can't review your own work (entry {entryId}): another member has to.",
    LedgerAlreadyApproved: "You have already approved entry {entryId}.",
    LedgerUnknownEntry: "There is no entry number {entryId}.",
    LedgerEntryStatus:
      "Entry {entryId} is not at a stage that allows this any more (it may have been counted, disputed or withdrawn meanwhile).",
    LedgerNotAuthor: "Only the person who logged entry {entryId} can withdraw it.",
    LedgerInvalidWeight: "A stream's pay weight must be between 0% and 100%, for a real membership stage.",
    LedgerInvalidWindow: "The window for the minimum contribution must be at least one period and not too long.",
    LedgerInvalidApprovals: "That is more approvals per entry than the ledger allows.",
    LedgerInvalidEvidence: "The entry needs evidence of the work, and its link must not be too long.",
    LedgerReviewWindowOver:
      "Entry {entryId} can't be disputed any more: its period's review window ended on {finalAt} and its totals are final.",
    LedgerInvalidReviewWindow:
      "A review window of {window} is not allowed: it must be at least 1 hour and at most 30 days.",
    // ---------------------------------------------------------------------------------------------- treasury
    TreasuryZeroAmount: "The amount can't be zero.",
    TreasuryInexactTransfer:
      "The currency moved a different amount than asked, so the treasury refused it to keep its books exact.",
    TreasuryInsufficientUnallocated:
      "The treasury does not have that much money free: the rest is owed to members or held in the capital accounts.",
    TreasuryPeriodNotFinal:
      "Period {period} can't be funded yet: it must be closed and its review window over (its totals become final on {finalAt}).",
    TreasuryPeriodAlreadyFunded: "Period {period} has already been funded; each period is funded once.",
    TreasuryNothingToFund:
      "Period {period} has no paid work in the streams that receive money, so there is nothing to fund.",
    TreasuryPeriodNotFunded: "Period {period} has not been funded yet, so there is nothing to claim from it.",
    TreasuryAlreadyClaimed: "You have already claimed your payout for period {period}.",
    TreasuryNothingToClaim: "There is nothing for you to claim from period {period}.",
    TreasuryInvalidBuckets: "The shares of the three streams must add up to exactly 100%.",
    TreasuryInvalidRecipient: "Money can't be sent to an empty address.",
    TreasuryOnlyCapital: "Only the capital accounts can ask the treasury for this payment.",
    // ---------------------------------------------------------------------------------------------- capital
    CapitalZeroAmount: "The amount can't be zero.",
    CapitalBpsAboveMax: "A share can't be more than 100%.",
    CapitalInvalidYearSplit: "The reserve's and the commons fund's shares of a surplus can't add up to more than 100%.",
    CapitalCashShareBelowMinimum: "The share of patronage paid in cash is below the legal minimum.",
    CapitalInterestAboveCap: "The interest on capital can't be above the limit the members set.",
    CapitalInvalidRedemption: "A redemption needs at least one instalment and a period to pay it over.",
    CapitalNotMember: "Only members pay a joining contribution, and this account is not a member.",
    CapitalNoContribution: "The members have not set a joining contribution, so there is nothing to pay.",
    CapitalAlreadyContributed: "This member has already paid their joining contribution.",
    CapitalInexactTransfer: "The currency moved a different amount than asked, so the capital accounts refused it.",
    CapitalYearAlreadyClosed:
      "The periods up to {closedThrough} already belong to a closed year; a new year must end after that.",
    CapitalPeriodNotFinal:
      "Period {period} is not final yet (closed, with its review window over; final on {finalAt}); a year can only take final periods.",
    CapitalLossTooLarge:
      "A loss of {loss} is more than the reserve and the members' capital accounts can absorb ({absorbable}).",
    CapitalUnknownRedemption: "Member {member} has no redemption schedule number {schedule}.",
    CapitalYearTooLong: "A year can span at most {maximum} periods, and this one would span {periods}.",
    CapitalInsufficientUnallocated: "The surplus is more than the treasury has free (money not owed to anyone).",
    CapitalNothingToClaim: "There is no patronage cash for you to claim.",
    CapitalStillMember:
      "A redemption is only for someone who has left the cooperative, and this person is still a member.",
    CapitalResultsPending:
      "The redemption must wait until period {period}, in which this person worked, belongs to a closed year.",
    CapitalNothingToRedeem: "There is nothing in this capital account to pay back.",
    CapitalNothingDue: "No instalment of your redemption is due yet.",
    CapitalInsufficientCommons: "The commons and education fund does not hold that much.",
    CapitalInvalidRecipient: "Money can't be sent to an empty address.",
    // ---------------------------------------------------------------------------------------------- membership
    MembershipNonTransferable: "A membership belongs to its person and can't be given or sold to anyone else.",
    MembershipDelegationDisabled: "Votes can't be handed to someone else: each member votes for themself.",
    MembershipInvalidAccount: "That is not a valid account for a member.",
    MembershipAlreadyMember: "This person is already a member.",
    MembershipNotMember: "This person is not a member of the cooperative.",
    MembershipInvalidStage: "That is not a stage a member can be at.",
    MembershipUnknownConstituency: "There is no such group of members (constituency).",
    MembershipInvalidMentor:
      "A Dating member needs a Committed member other than themself as mentor, and only Dating members have one.",
    MembershipUnchanged: "This would leave the member's record exactly as it is.",
    MembershipInvalidProfile:
      "A profile is published with both its document's address and its hash, or withdrawn with neither.",
    MembershipFutureLookup: "Membership can only be looked up in the past, not now or in the future.",
    MembershipNoCommittedFounder:
      "At least one founder must be a Committed member, or nobody could ever vote and the cooperative could decide nothing.",
    // ---------------------------------------------------------------------------------------------- factory
    FactoryEmptyName: "A DisCO needs a name.",
    FactoryNotDisCO: "{caller} is no DisCO's timelock: only a DisCO's executed vote starts a federation.",
    FactoryNoCommittedFounder:
      "At least one founder must be Committed, or nobody could ever vote and the DisCO could decide nothing.",
    FactoryInvalidBuckets: "The streams' shares of each funding must add up to exactly 100 %.",
    FactoryCurrencyNotContract: "There is no currency at {currency}: no token contract lives at that address.",
    FactoryCurrencyDecimals:
      "The currency at {currency} does not count in {expected} decimals as the amounts assume (or does not say how it counts).",
    FactoryInvalidImplementation:
      "This network's DisCO factory is not set up right: its contract at {implementation} is missing.",
    // ---------------------------------------------------------------------------------------------- mutual credit
    CreditNotFactory: "Only the factory sets up a federation's mutual credit, when it founds the federation.",
    CreditInvalidMaxHops: "A payment path may have 1 to 8 steps; {maxHops} is not allowed.",
    CreditNotAccount:
      "{account} has no mutual-credit account now: a member DisCO of the federation has one, and, where the federation allows, a Committed member of one.",
    CreditUnauthorized:
      "{caller} can't act for {account} in mutual credit: its members' vote can, its treasurers within their limits, or the person themself.",
    CreditMemberAccountsOff: "This federation's mutual credit has accounts for its DisCOs only, not for their members.",
    CreditNotCommittedMember: "{account} is not a Committed member of {disco}, a member DisCO of the federation.",
    CreditSelfLine: "A credit line is extended to someone else, not to oneself.",
    CreditLineOverBound:
      "Treasurers may set credit lines only up to the limit their members gave them; this line needs the members' vote.",
    CreditPersonLineByVote:
      "Treasurers set credit lines only toward member DisCOs; a line to {receiver}, a person's account, needs the members' vote.",
    CreditThawByVote:
      "Treasurers may freeze a credit line but not unfreeze it: unfreezing the line {giver} extends to {receiver} needs the members' vote.",
    CreditZeroAmount: "The amount must be more than zero.",
    CreditInvalidPathLength:
      "This path has {length} accounts: it needs at least two, and at most one more than the federation's steps allow.",
    CreditPathEnds:
      "The payment's path must start at the payer and end at the payee, and {node} stands where {expected} should.",
    CreditRepeatedNode: "The path goes through {node} twice: each account may appear once.",
    CreditCycleNotClosed: "A cycle to clear must end where it starts.",
    CreditOverLine:
      "The payment would take what {from} owes {to} past the credit line {to} extends (or that line is frozen); nothing was paid.",
    CreditOverBudget:
      "This payment would take the treasurers' mutual-credit spending in this 30-day period past the budget the members set; it needs the members' vote.",
    CreditOverDebt: "{from} does not owe {to} that much: a debt can only be cleared or settled down to zero.",
    CreditCurrencyMismatch:
      "The two DisCOs keep different currencies, so this debt can't be settled in money between their treasuries.",
    CreditCurrencyDecimals: "The currency at {currency} has no cents, so mutual credit can't be settled in it.",
    // OpenZeppelin's Clones and Create2, under the factory.
    CloneArgumentsTooLong: "The DisCO's contracts could not be made: their fixed settings are too long.",
    FailedDeployment: "One of the DisCO's contracts could not be made; nothing was started.",
    InsufficientBalance: "The factory was asked to send more than it holds; nothing was started.",
    // ---------------------------------------------------------------------------------------------- federation
    FederationNotFactory: "Only the DisCO factory sets up a federation; {caller} is not it.",
    FederationEmptyCharterURI: "A federation's charter needs the address where it can be read.",
    FederationEmptyCharterHash:
      "A federation's charter needs its fingerprint (hash), so that anyone can check the text.",
    FederationInvalidVotingPeriod: "A federation's voting period must be between 1 hour and 365 days.",
    FederationNotDisCO:
      "{caller} is no DisCO's timelock: only a DisCO's executed vote applies to a federation (a DisCO whose timelock changed can't yet).",
    FederationAlreadyMember: "This DisCO is already a member of the federation.",
    FederationApplicationOpen:
      "This DisCO's application (proposal {proposalId}) is still open: wait for its outcome, or withdraw it first.",
    FederationNotMember: "The DisCO at {disco} is not a member of the federation now.",
    FederationUnauthorized:
      "This account can't act for that DisCO here: only its members' vote (its timelock) can, or the delegate or treasurers or auditors they named for this.",
    FederationInvalidKind:
      "That is not a proposal the federation's members can make: propose to remove a member or to change the charter (a DisCO applies to join by its own vote).",
    FederationInvalidProposal:
      "A proposal to remove a member names only the member, and one to change the charter names only the new charter.",
    FederationNoApplication: "This DisCO has no open application to withdraw.",
    FederationUnknownProposal: "The federation has no proposal number {id}.",
    FederationProposalClosed: "Proposal {id} is no longer open to votes.",
    FederationAlreadyVoted: "This DisCO has already voted on proposal {id}.",
    FederationNotEligible: "This DisCO can't vote on proposal {id}: it was not a member when the proposal was made.",
    FederationProposalNotPassed:
      "Proposal {id} can't be carried out: it did not pass, was already carried out or withdrawn, or its time to be carried out is over.",
    FederationProposalStale:
      "Proposal {id} no longer applies: the member it would remove left or was admitted again since the vote, the applicant is already a member, or a newer charter was adopted.",
    FederationEmptyDigest: "A check-in needs the fingerprint of the period's books.",
    FederationInvalidFigures:
      "A check-in can't count more members with a binding vote ({bindingMembers}) than members ({members}).",
    FederationPeriodNotFinal: "Period {period} can't be checked in yet: it must be closed and its review window over.",
    FederationAlreadyCheckedIn: "Period {period} was already checked in, and a check-in never changes.",
    FederationUnknownCheckIn: "That DisCO has not checked in period {period}.",
    FederationOwnDisCO: "A DisCO can't judge its own check-in, nor give trust to itself.",
    FederationInvalidFigure:
      "That is not a figure of a check-in: choose the digest, members, binding members, a stream's payable total, money in, money out, mutual credit in or mutual credit out.",
    FederationAlreadyJudged:
      "This DisCO has already given its verdict on period {period}'s check-in, and a verdict never changes.",
    FederationInvalidTrust: "A trust value goes from 0 to 100.",
    FederationTrustOverBound:
      "Treasurers may set trust only up to {bound}, and change only a value within it ({value} is not): the members' vote can.",
    // ---------------------------------------------------------------------------------------------- audit
    AuditPeriodNotFinal:
      "Only a final period's books can be audited: period {period} must be closed and its review window over (final on {finalAt}).",
    AuditEmptyReport: "An audit needs the fingerprint of its report.",
    AuditInvalidWageRatioCap: "The wage ratio limit can't be below 1:1: nobody could meet it.",
    AuditUnknownAttestation: "Period {period} has no audit with that number.",
    // ---------------------------------------------------------------------------------------------- governance
    DisCOGovernorBlockWithoutReason: "A Block vote needs a reason, so the others know what to address.",
    DisCOGovernorNotEligible: "You could not vote on this proposal: you were not a voting member when it was made.",
    DisCOGovernorConsentBylaw: "Bylaws can only change by a supermajority vote, not by consent.",
    DisCOGovernorInvalidSupermajority: "A supermajority must be more than half and at most everyone.",
    DisCOGovernorInvalidShares: "The groups' shares of the vote must add up to 100% (or all be zero).",
    DisCOGovernorInvalidBylawTarget: "A bylaw must belong to a real contract.",
    DisCOGovernorNeedsBylaw:
      "This proposal can't be carried out: what it does now changes who holds a binding vote or a bylaw, so it needs a bylaw vote (supermajority). Propose it again as a bylaw.",
    RecoveryInvalidRecipient: "Recovered tokens can't be sent to an empty address ({to}).",
    RecoveryProtectedToken:
      "Token {token} is the cooperative's own currency: it can't be taken out as a token sent by mistake.",
    GovernorAlreadyCastVote: "You have already voted on this proposal.",
    GovernorAlreadyQueuedProposal: "This proposal is already waiting to be carried out.",
    GovernorDisabledDeposit: "Money can't be sent to the voting contract.",
    GovernorInsufficientProposerVotes: "Only Committed members can make proposals.",
    GovernorInvalidProposalLength: "The proposal's actions are incomplete (some parts are missing).",
    GovernorInvalidQuorumFraction: "The quorum can't be more than everyone.",
    GovernorInvalidSignature: "The signed vote's signature is not valid.",
    GovernorInvalidVoteParams: "The vote's extra details are not valid.",
    GovernorInvalidVoteType: "That is not a way to vote: choose For, Against, Abstain or Block.",
    GovernorInvalidVotingPeriod: "The voting period can't be zero.",
    GovernorNonexistentProposal: "There is no such proposal.",
    GovernorOnlyExecutor: "Only the members' vote, once carried out, can do this.",
    GovernorProposalQueueingFailed: "The proposal could not be put in the waiting line to be carried out.",
    GovernorProposalQueueingNotRequired: "This proposal doesn't need to wait: it can be carried out directly.",
    GovernorRestrictedProposer: "This account is not allowed to make this proposal.",
    GovernorUnableToCancel: "This proposal can't be cancelled now: only its author can, before voting starts.",
    GovernorUnexpectedProposalState: "This proposal is not in a state that allows this now.",
    InvalidAccountNonce: "This signed request was already used or is out of order.",
    DisCOGovernorNoTimelock: "A DisCO's voting contract needs a timelock to carry out its decisions.",
    InvalidInitialization: "This contract is already set up (or is a template that is never set up itself).",
    NotInitializing: "This can only happen while the contract is being set up.",
    // ---------------------------------------------------------------------------------------------- timelock
    TimelockInsufficientDelay: "The waiting time before a decision is carried out is shorter than the minimum.",
    TimelockInvalidOperationLength: "The decision's actions are incomplete (some parts are missing).",
    TimelockUnauthorizedCaller: "Only the members' vote can schedule or carry out this.",
    TimelockUnexecutedPredecessor: "An earlier decision this one depends on has not been carried out yet.",
    TimelockUnexpectedOperationState:
      "This decision is not ready for that: it may still be waiting, or already be done.",
    // ---------------------------------------------------------------------------------------------- currency
    ERC20InsufficientBalance: "There is not enough money for this.",
    ERC20InsufficientAllowance:
      "The payment was not authorised for that amount: approve it first in your wallet, then try again.",
    ERC20InvalidApprover: "The payment was authorised from an empty address.",
    ERC20InvalidReceiver: "Money can't be sent to an empty address.",
    ERC20InvalidSender: "Money can't come from an empty address.",
    ERC20InvalidSpender: "Money can't be authorised for an empty address.",
    ERC2612ExpiredSignature: "The signed payment authorisation has expired; sign a new one.",
    ERC2612InvalidSigner: "The signed payment authorisation was not signed by the account that pays.",
    DemoEuroFaucetLimit: "The demo currency gives out only a limited amount at a time; ask for less.",
    SafeERC20FailedOperation: "The currency refused the transfer.",
    // ---------------------------------------------------------------------------------------------- membership token
    ERC721IncorrectOwner: "This membership belongs to someone else.",
    ERC721InsufficientApproval: "This account may not move that membership.",
    ERC721InvalidApprover: "An empty address can't authorise anything.",
    ERC721InvalidOperator: "That account can't be authorised.",
    ERC721InvalidOwner: "An empty address can't hold a membership.",
    ERC721InvalidReceiver: "A membership can't go to that address.",
    ERC721InvalidSender: "A membership can't come from that address.",
    ERC721NonexistentToken: "There is no such membership.",
    // ---------------------------------------------------------------------------------------------- low level
    ReentrancyGuardReentrantCall: "Another payment was still under way inside this one, so it was refused for safety.",
    CheckpointUnorderedInsertion: "A record was written out of order; please report this to the treasurers.",
    ECDSAInvalidSignature: "The signature is not valid.",
    ECDSAInvalidSignatureLength: "The signature is not valid (wrong length).",
    ECDSAInvalidSignatureS: "The signature is not valid.",
    FailedCall: "An action inside this one failed.",
    InvalidShortString: "A name stored in the contract is not valid.",
    SafeCastOverflowedUintDowncast: "A number is too large for the contract to store.",
    StringTooLong: "A text is too long for the contract to store.",
    VotesExpiredSignature: "The signed request has expired; sign a new one.",
  },
  es: {
    // ---------------------------------------------------------------------------------------------- roles
    AccessControlUnauthorizedAccount:
      "Tu cuenta no tiene el papel que esto requiere: solo pueden hacerlo las personas que las socias eligieron para ello (tesorería, auditoría o la propia votación de las socias).",
    AccessControlBadConfirmation:
      "Solo la cuenta que tiene un papel puede renunciar a él, confirmando su propia dirección.",
    // ---------------------------------------------------------------------------------------------- ledger
    LedgerZeroAmount: "La cantidad de trabajo no puede ser cero.",
    LedgerAmountTooLarge:
      "Esa cantidad es mayor de lo que admite una anotación (como mucho {maxAmount} créditos u horas); divídela en varias.",
    LedgerDisputeSettled:
      "Las socias ya aceptaron la anotación {entryId} tras una disputa, así que no se puede volver a disputar.",
    LedgerUnknownStream: "Ese flujo de valor no existe: elige Sustento, Amor o Cuidados.",
    LedgerPeriodNotOpen:
      "Solo se puede anotar trabajo en el periodo abierto (el {openPeriod}), no en el periodo {period}.",
    LedgerNotMember: "Solo las socias de la cooperativa pueden hacer esto, y esta cuenta no lo es.",
    LedgerStreamNotAllowed:
      "En tu etapa no puedes anotar trabajo en este flujo (las socias ocasionales solo anotan Amor y Cuidados).",
    LedgerOverCap:
      "Esta anotación te llevaría por encima del límite que las socias fijaron para este flujo en un periodo.",
    LedgerNotCommitted: "Solo las socias comprometidas pueden revisar trabajo, y esta cuenta no lo es.",
    LedgerSelfReview: "No puedes revisar tu propio trabajo (anotación {entryId}): tiene que hacerlo otra socia.",
    LedgerAlreadyApproved: "Ya has aprobado la anotación {entryId}.",
    LedgerUnknownEntry: "No existe la anotación número {entryId}.",
    LedgerEntryStatus:
      "La anotación {entryId} ya no está en una fase que permita esto (puede que mientras tanto se haya contado, disputado o retirado).",
    LedgerNotAuthor: "Solo quien anotó la anotación {entryId} puede retirarla.",
    LedgerInvalidWeight:
      "El peso de pago de un flujo debe estar entre el 0 % y el 100 %, para una etapa de socia real.",
    LedgerInvalidWindow: "La ventana de la contribución mínima debe ser de al menos un periodo y no demasiado larga.",
    LedgerInvalidApprovals: "Son más aprobaciones por anotación de las que admite el libro.",
    LedgerInvalidEvidence: "La anotación necesita una prueba del trabajo, y su enlace no puede ser demasiado largo.",
    LedgerReviewWindowOver:
      "La anotación {entryId} ya no se puede disputar: el plazo de revisión de su periodo terminó el {finalAt} y sus totales son definitivos.",
    LedgerInvalidReviewWindow:
      "Un plazo de revisión de {window} no está permitido: debe ser de 1 hora como mínimo y de 30 días como máximo.",
    // ---------------------------------------------------------------------------------------------- treasury
    TreasuryZeroAmount: "La cantidad no puede ser cero.",
    TreasuryInexactTransfer:
      "La moneda movió una cantidad distinta de la pedida, así que la tesorería la rechazó para mantener sus cuentas exactas.",
    TreasuryInsufficientUnallocated:
      "La tesorería no tiene tanto dinero libre: el resto se debe a las socias o está en las cuentas de capital.",
    TreasuryPeriodNotFinal:
      "El periodo {period} aún no se puede financiar: debe estar cerrado y con su plazo de revisión terminado (sus totales serán definitivos el {finalAt}).",
    TreasuryPeriodAlreadyFunded: "El periodo {period} ya está financiado; cada periodo se financia una sola vez.",
    TreasuryNothingToFund:
      "El periodo {period} no tiene trabajo pagable en los flujos que reciben dinero, así que no hay nada que financiar.",
    TreasuryPeriodNotFunded: "El periodo {period} aún no está financiado, así que no hay nada que cobrar de él.",
    TreasuryAlreadyClaimed: "Ya has cobrado tu pago del periodo {period}.",
    TreasuryNothingToClaim: "No tienes nada que cobrar del periodo {period}.",
    TreasuryInvalidBuckets: "Las partes de los tres flujos deben sumar exactamente el 100 %.",
    TreasuryInvalidRecipient: "No se puede enviar dinero a una dirección vacía.",
    TreasuryOnlyCapital: "Solo las cuentas de capital pueden pedir este pago a la tesorería.",
    // ---------------------------------------------------------------------------------------------- capital
    CapitalZeroAmount: "La cantidad no puede ser cero.",
    CapitalBpsAboveMax: "Una parte no puede ser más del 100 %.",
    CapitalInvalidYearSplit:
      "Las partes de un excedente para la reserva y para el fondo común no pueden sumar más del 100 %.",
    CapitalCashShareBelowMinimum:
      "La parte del retorno cooperativo pagada en efectivo está por debajo del mínimo legal.",
    CapitalInterestAboveCap: "El interés del capital no puede superar el límite que fijaron las socias.",
    CapitalInvalidRedemption: "Un reembolso necesita al menos un plazo y un periodo en el que pagarlo.",
    CapitalNotMember: "Solo las socias pagan la aportación de entrada, y esta cuenta no es socia.",
    CapitalNoContribution: "Las socias no han fijado una aportación de entrada, así que no hay nada que pagar.",
    CapitalAlreadyContributed: "Esta socia ya pagó su aportación de entrada.",
    CapitalInexactTransfer:
      "La moneda movió una cantidad distinta de la pedida, así que las cuentas de capital la rechazaron.",
    CapitalYearAlreadyClosed:
      "Los periodos hasta el {closedThrough} ya pertenecen a un año cerrado; un año nuevo debe terminar después.",
    CapitalPeriodNotFinal:
      "El periodo {period} aún no es definitivo (cerrado y con su plazo de revisión terminado; lo será el {finalAt}); un año solo puede incluir periodos definitivos.",
    CapitalLossTooLarge:
      "Una pérdida de {loss} es mayor de lo que pueden absorber la reserva y las cuentas de capital de las socias ({absorbable}).",
    CapitalUnknownRedemption: "La socia {member} no tiene ningún plan de reembolso número {schedule}.",
    CapitalYearTooLong: "Un año puede abarcar como mucho {maximum} periodos, y este abarcaría {periods}.",
    CapitalInsufficientUnallocated:
      "El excedente es mayor que el dinero libre de la tesorería (el que no se debe a nadie).",
    CapitalNothingToClaim: "No tienes retorno cooperativo en efectivo que cobrar.",
    CapitalStillMember: "Un reembolso es solo para quien ha dejado la cooperativa, y esta persona sigue siendo socia.",
    CapitalResultsPending:
      "El reembolso debe esperar a que el periodo {period}, en el que esta persona trabajó, pertenezca a un año cerrado.",
    CapitalNothingToRedeem: "No hay nada en esta cuenta de capital que devolver.",
    CapitalNothingDue: "Todavía no vence ningún plazo de tu reembolso.",
    CapitalInsufficientCommons: "El fondo común y de formación no tiene tanto.",
    CapitalInvalidRecipient: "No se puede enviar dinero a una dirección vacía.",
    // ---------------------------------------------------------------------------------------------- membership
    MembershipNonTransferable: "La membresía pertenece a su persona y no se puede dar ni vender a nadie.",
    MembershipDelegationDisabled: "Los votos no se pueden ceder a otra persona: cada socia vota por sí misma.",
    MembershipInvalidAccount: "Esa no es una cuenta válida para una socia.",
    MembershipAlreadyMember: "Esta persona ya es socia.",
    MembershipNotMember: "Esta persona no es socia de la cooperativa.",
    MembershipInvalidStage: "Esa no es una etapa en la que pueda estar una socia.",
    MembershipUnknownConstituency: "No existe ese grupo de socias (circunscripción).",
    MembershipInvalidMentor:
      "Una socia en etapa de citas necesita como mentora a otra socia comprometida, y solo ellas tienen mentora.",
    MembershipUnchanged: "Esto dejaría la ficha de la socia exactamente igual.",
    MembershipInvalidProfile:
      "Un perfil se publica con la dirección de su documento y su huella, o se retira sin ninguna de las dos.",
    MembershipFutureLookup: "La membresía solo se puede consultar en el pasado, no ahora ni en el futuro.",
    MembershipNoCommittedFounder:
      "Al menos una fundadora debe ser socia comprometida; si no, nadie podría votar nunca y la cooperativa no podría decidir nada.",
    // ---------------------------------------------------------------------------------------------- factory
    FactoryEmptyName: "Una DisCO necesita un nombre.",
    FactoryNotDisCO:
      "{caller} no es el timelock de ninguna DisCO: solo una votación ejecutada de una DisCO inicia una federación.",
    FactoryNoCommittedFounder:
      "Al menos una fundadora debe ser comprometida; si no, nadie podría votar nunca y la DisCO no podría decidir nada.",
    FactoryInvalidBuckets: "Las partes de cada financiación para los flujos deben sumar exactamente el 100 %.",
    FactoryCurrencyNotContract:
      "No hay ninguna moneda en {currency}: en esa dirección no vive ningún contrato de token.",
    FactoryCurrencyDecimals:
      "La moneda en {currency} no cuenta con {expected} decimales como suponen las cantidades (o no dice cómo cuenta).",
    FactoryInvalidImplementation:
      "La fábrica de DisCOs de esta red no está bien configurada: falta su contrato en {implementation}.",
    // ---------------------------------------------------------------------------------------------- crédito mutuo
    CreditNotFactory: "Solo la fábrica configura el crédito mutuo de una federación, al fundarla.",
    CreditInvalidMaxHops: "Un camino de pago puede tener de 1 a 8 pasos; {maxHops} no está permitido.",
    CreditNotAccount:
      "{account} no tiene ahora cuenta de crédito mutuo: la tiene cada DisCO socia de la federación y, donde la federación lo permite, sus socias comprometidas.",
    CreditUnauthorized:
      "{caller} no puede actuar por {account} en el crédito mutuo: puede la votación de sus socias, sus tesoreras dentro de sus límites, o la propia persona.",
    CreditMemberAccountsOff:
      "El crédito mutuo de esta federación tiene cuentas solo para sus DisCOs, no para sus socias.",
    CreditNotCommittedMember: "{account} no es socia comprometida de {disco}, una DisCO socia de la federación.",
    CreditSelfLine: "Una línea de crédito se concede a otra cuenta, no a una misma.",
    CreditLineOverBound:
      "Las tesoreras solo pueden fijar líneas de crédito hasta el límite que les dieron sus socias; esta línea necesita la votación de las socias.",
    CreditPersonLineByVote:
      "Las tesoreras solo fijan líneas de crédito hacia DisCOs socias; una línea a {receiver}, la cuenta de una persona, necesita la votación de las socias.",
    CreditThawByVote:
      "Las tesoreras pueden congelar una línea de crédito pero no descongelarla: descongelar la línea que {giver} concede a {receiver} necesita la votación de las socias.",
    CreditZeroAmount: "La cantidad debe ser mayor que cero.",
    CreditInvalidPathLength:
      "Este camino tiene {length} cuentas: necesita al menos dos, y como mucho una más que los pasos que permite la federación.",
    CreditPathEnds:
      "El camino del pago debe empezar en quien paga y acabar en quien cobra, y {node} está donde debería estar {expected}.",
    CreditRepeatedNode: "El camino pasa dos veces por {node}: cada cuenta puede aparecer una sola vez.",
    CreditCycleNotClosed: "Un ciclo para compensar debe acabar donde empieza.",
    CreditOverLine:
      "El pago llevaría lo que {from} debe a {to} más allá de la línea de crédito que {to} concede (o esa línea está congelada); no se ha pagado nada.",
    CreditOverBudget:
      "Este pago llevaría el gasto en crédito mutuo de las tesoreras en este periodo de 30 días más allá del presupuesto que fijaron las socias; necesita la votación de las socias.",
    CreditOverDebt: "{from} no debe tanto a {to}: una deuda solo se compensa o se liquida hasta cero.",
    CreditCurrencyMismatch:
      "Las dos DisCOs usan monedas distintas, así que esta deuda no se puede liquidar en dinero entre sus tesorerías.",
    CreditCurrencyDecimals:
      "La moneda en {currency} no tiene céntimos, así que el crédito mutuo no se puede liquidar en ella.",
    // Clones y Create2 de OpenZeppelin, dentro de la fábrica.
    CloneArgumentsTooLong: "No se han podido crear los contratos de la DisCO: sus ajustes fijos son demasiado largos.",
    FailedDeployment: "No se ha podido crear uno de los contratos de la DisCO; no se ha empezado nada.",
    InsufficientBalance: "Se pidió a la fábrica enviar más de lo que tiene; no se ha empezado nada.",
    // ---------------------------------------------------------------------------------------------- federation
    FederationNotFactory: "Solo la fábrica de DisCOs configura una federación; {caller} no lo es.",
    FederationEmptyCharterURI: "La carta de una federación necesita la dirección donde se puede leer.",
    FederationEmptyCharterHash:
      "La carta de una federación necesita su huella (hash), para que cualquiera pueda comprobar el texto.",
    FederationInvalidVotingPeriod: "El plazo de votación de una federación debe estar entre 1 hora y 365 días.",
    FederationNotDisCO:
      "{caller} no es el timelock de ninguna DisCO: solo una votación ejecutada de una DisCO solicita entrar en una federación (una DisCO cuyo timelock cambió aún no puede).",
    FederationAlreadyMember: "Esta DisCO ya es miembro de la federación.",
    FederationApplicationOpen:
      "La solicitud de esta DisCO (propuesta {proposalId}) sigue abierta: espera su resultado o retírala primero.",
    FederationNotMember: "La DisCO en {disco} no es miembro de la federación ahora.",
    FederationUnauthorized:
      "Esta cuenta no puede actuar aquí por esa DisCO: solo puede la votación de sus socias (su timelock), o la delegada, la tesorería o la auditoría que nombraron para ello.",
    FederationInvalidKind:
      "Esa no es una propuesta que puedan hacer los miembros de la federación: propón expulsar a un miembro o cambiar la carta (una DisCO solicita entrar por su propia votación).",
    FederationInvalidProposal:
      "Una propuesta de expulsión solo nombra al miembro, y una de cambio de carta solo la nueva carta.",
    FederationNoApplication: "Esta DisCO no tiene ninguna solicitud abierta que retirar.",
    FederationUnknownProposal: "La federación no tiene ninguna propuesta número {id}.",
    FederationProposalClosed: "La propuesta {id} ya no admite votos.",
    FederationAlreadyVoted: "Esta DisCO ya ha votado la propuesta {id}.",
    FederationNotEligible: "Esta DisCO no puede votar la propuesta {id}: no era miembro cuando se hizo la propuesta.",
    FederationProposalNotPassed:
      "La propuesta {id} no se puede ejecutar: no se aprobó, ya se ejecutó o se retiró, o se acabó su plazo para ejecutarla.",
    FederationProposalStale:
      "La propuesta {id} ya no vale: el miembro que expulsaría se fue o fue admitido de nuevo desde la votación, la solicitante ya es miembro, o se adoptó una carta más reciente.",
    FederationEmptyDigest: "Un check-in necesita la huella de las cuentas del periodo.",
    FederationInvalidFigures:
      "Un check-in no puede contar más socias con voto vinculante ({bindingMembers}) que socias ({members}).",
    FederationPeriodNotFinal:
      "Aún no se puede hacer check-in del periodo {period}: debe estar cerrado y con su plazo de revisión terminado.",
    FederationAlreadyCheckedIn: "Ya se hizo check-in del periodo {period}, y un check-in nunca cambia.",
    FederationUnknownCheckIn: "Esa DisCO no ha hecho check-in del periodo {period}.",
    FederationOwnDisCO: "Una DisCO no puede juzgar su propio check-in ni darse confianza a sí misma.",
    FederationInvalidFigure:
      "Esa no es una cifra de un check-in: elige la huella, las socias, las socias con voto vinculante, el total a pagar de un flujo, el dinero que entra, el que sale, el crédito mutuo que entra o el que sale.",
    FederationAlreadyJudged:
      "Esta DisCO ya dio su veredicto sobre el check-in del periodo {period}, y un veredicto nunca cambia.",
    FederationInvalidTrust: "Un valor de confianza va de 0 a 100.",
    FederationTrustOverBound:
      "La tesorería solo puede fijar la confianza hasta {bound}, y cambiar solo un valor dentro de ese límite ({value} no lo está): la votación de las socias sí puede.",
    // ---------------------------------------------------------------------------------------------- audit
    AuditPeriodNotFinal:
      "Solo se pueden auditar las cuentas de un periodo definitivo: el periodo {period} debe estar cerrado y con su plazo de revisión terminado (lo será el {finalAt}).",
    AuditEmptyReport: "Una auditoría necesita la huella de su informe.",
    AuditInvalidWageRatioCap: "El límite de la proporción salarial no puede ser menor que 1:1: nadie podría cumplirlo.",
    AuditUnknownAttestation: "El periodo {period} no tiene ninguna auditoría con ese número.",
    // ---------------------------------------------------------------------------------------------- governance
    DisCOGovernorBlockWithoutReason: "Un voto de bloqueo necesita un motivo, para que las demás sepan qué resolver.",
    DisCOGovernorNotEligible: "No podías votar esta propuesta: no eras socia con voto cuando se hizo.",
    DisCOGovernorConsentBylaw:
      "Los estatutos solo cambian por votación con mayoría cualificada, no por consentimiento.",
    DisCOGovernorInvalidSupermajority: "Una mayoría cualificada debe ser más de la mitad y como mucho la totalidad.",
    DisCOGovernorInvalidShares: "Las partes del voto de los grupos deben sumar el 100 % (o ser todas cero).",
    DisCOGovernorInvalidBylawTarget: "Un estatuto debe corresponder a un contrato real.",
    DisCOGovernorNeedsBylaw:
      "Esta propuesta no se puede ejecutar: lo que hace ahora cambia quién tiene voto vinculante o un estatuto, así que necesita una votación de estatutos (mayoría cualificada). Proponla de nuevo como estatuto.",
    RecoveryInvalidRecipient: "Los tokens recuperados no se pueden enviar a una dirección vacía ({to}).",
    RecoveryProtectedToken:
      "El token {token} es la moneda de la propia cooperativa: no se puede sacar como si fuera un token enviado por error.",
    GovernorAlreadyCastVote: "Ya has votado en esta propuesta.",
    GovernorAlreadyQueuedProposal: "Esta propuesta ya está esperando a ejecutarse.",
    GovernorDisabledDeposit: "No se puede enviar dinero al contrato de votaciones.",
    GovernorInsufficientProposerVotes: "Solo las socias comprometidas pueden hacer propuestas.",
    GovernorInvalidProposalLength: "Las acciones de la propuesta están incompletas (faltan partes).",
    GovernorInvalidQuorumFraction: "El quórum no puede ser mayor que la totalidad.",
    GovernorInvalidSignature: "La firma del voto no es válida.",
    GovernorInvalidVoteParams: "Los detalles adicionales del voto no son válidos.",
    GovernorInvalidVoteType: "Esa no es una forma de votar: elige A favor, En contra, Abstención o Bloqueo.",
    GovernorInvalidVotingPeriod: "El periodo de votación no puede ser cero.",
    GovernorNonexistentProposal: "No existe esa propuesta.",
    GovernorOnlyExecutor: "Solo la votación de las socias, una vez ejecutada, puede hacer esto.",
    GovernorProposalQueueingFailed: "No se pudo poner la propuesta en la cola para ejecutarla.",
    GovernorProposalQueueingNotRequired: "Esta propuesta no necesita esperar: se puede ejecutar directamente.",
    GovernorRestrictedProposer: "Esta cuenta no puede hacer esta propuesta.",
    GovernorUnableToCancel:
      "Esta propuesta no se puede cancelar ahora: solo puede hacerlo quien la hizo, antes de que empiece la votación.",
    GovernorUnexpectedProposalState: "Esta propuesta no está en un estado que permita esto ahora.",
    InvalidAccountNonce: "Esta solicitud firmada ya se usó o llega fuera de orden.",
    DisCOGovernorNoTimelock:
      "El contrato de votaciones de una DisCO necesita un timelock que lleve a cabo sus decisiones.",
    InvalidInitialization: "Este contrato ya está configurado (o es una plantilla que nunca se configura a sí misma).",
    NotInitializing: "Esto solo puede ocurrir mientras se configura el contrato.",
    // ---------------------------------------------------------------------------------------------- timelock
    TimelockInsufficientDelay: "El tiempo de espera antes de ejecutar una decisión es menor que el mínimo.",
    TimelockInvalidOperationLength: "Las acciones de la decisión están incompletas (faltan partes).",
    TimelockUnauthorizedCaller: "Solo la votación de las socias puede programar o ejecutar esto.",
    TimelockUnexecutedPredecessor: "Una decisión anterior de la que depende esta aún no se ha ejecutado.",
    TimelockUnexpectedOperationState:
      "Esta decisión no está lista para eso: puede que aún esté esperando o que ya se haya ejecutado.",
    // ---------------------------------------------------------------------------------------------- currency
    ERC20InsufficientBalance: "No hay dinero suficiente para esto.",
    ERC20InsufficientAllowance:
      "El pago no estaba autorizado por esa cantidad: apruébalo primero en tu cartera y vuelve a intentarlo.",
    ERC20InvalidApprover: "El pago se autorizó desde una dirección vacía.",
    ERC20InvalidReceiver: "No se puede enviar dinero a una dirección vacía.",
    ERC20InvalidSender: "El dinero no puede salir de una dirección vacía.",
    ERC20InvalidSpender: "No se puede autorizar dinero a una dirección vacía.",
    ERC2612ExpiredSignature: "La autorización de pago firmada ha caducado; firma una nueva.",
    ERC2612InvalidSigner: "La autorización de pago no la firmó la cuenta que paga.",
    DemoEuroFaucetLimit: "La moneda de demostración solo entrega una cantidad limitada cada vez; pide menos.",
    SafeERC20FailedOperation: "La moneda rechazó la transferencia.",
    // ---------------------------------------------------------------------------------------------- membership token
    ERC721IncorrectOwner: "Esta membresía pertenece a otra persona.",
    ERC721InsufficientApproval: "Esta cuenta no puede mover esa membresía.",
    ERC721InvalidApprover: "Una dirección vacía no puede autorizar nada.",
    ERC721InvalidOperator: "Esa cuenta no se puede autorizar.",
    ERC721InvalidOwner: "Una dirección vacía no puede tener una membresía.",
    ERC721InvalidReceiver: "Una membresía no puede ir a esa dirección.",
    ERC721InvalidSender: "Una membresía no puede salir de esa dirección.",
    ERC721NonexistentToken: "No existe esa membresía.",
    // ---------------------------------------------------------------------------------------------- low level
    ReentrancyGuardReentrantCall: "Había otro pago en curso dentro de este, así que se rechazó por seguridad.",
    CheckpointUnorderedInsertion: "Un registro se escribió fuera de orden; avisa a la tesorería.",
    ECDSAInvalidSignature: "La firma no es válida.",
    ECDSAInvalidSignatureLength: "La firma no es válida (longitud incorrecta).",
    ECDSAInvalidSignatureS: "La firma no es válida.",
    FailedCall: "Ha fallado una acción dentro de esta.",
    InvalidShortString: "Un nombre guardado en el contrato no es válido.",
    SafeCastOverflowedUintDowncast: "Un número es demasiado grande para que el contrato lo guarde.",
    StringTooLong: "Un texto es demasiado largo para que el contrato lo guarde.",
    VotesExpiredSignature: "La solicitud firmada ha caducado; firma una nueva.",
  },
};

const GENERIC = {
  en: {
    rejected: "You declined the request in your wallet; nothing was sent.",
    reverted: "The contract refused: {error}.",
    unknownError: "an error no DisCO contract declares ({selector})",
    unknown: "The transaction failed: {message}",
  },
  es: {
    rejected: "Has rechazado la solicitud en tu cartera; no se ha enviado nada.",
    reverted: "El contrato lo ha rechazado: {error}.",
    unknownError: "un error que ningún contrato de la DisCO declara ({selector})",
    unknown: "La transacción ha fallado: {message}",
  },
} as const;

/** What Solidity's Panic(uint256) codes mean; a Map, so that the codes keep the hexadecimal form of Solidity's documentation. */
const PANICS = new Map<number, string>([
  [0x01, "assert failed"],
  [0x11, "arithmetic overflow or underflow"],
  [0x12, "division or modulo by zero"],
  [0x21, "conversion to an invalid enum value"],
  [0x22, "an incorrectly encoded storage byte array"],
  [0x31, "pop() on an empty array"],
  [0x32, "an array index out of bounds"],
  [0x41, "too much memory allocated"],
  [0x51, "a call to a zero-initialised internal function"],
]);

/** A decoded revert: the error, its arguments by name, and what it means. */
export interface DecodedRevert {
  /** The custom error's name; "Error" for a require's reason, "Panic" for a panic, the selector for an unknown one. */
  name: string;
  /** Its arguments by name ("0", "1"... where the ABI names none). */
  args: Record<string, unknown>;
  /** The error as code reads it, with its values: `LedgerPeriodNotOpen(3, 4)`. */
  call: string;
  /** What happened in a sentence, every argument filled in; "The contract refused: <call>." where none exists. */
  message: string;
  /** Whether `message` is the error's own sentence (rather than the fallback naming the call). */
  explained: boolean;
}

const show = (value: unknown): string =>
  typeof value === "object" && value !== null
    ? JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v))
    : String(value);

/**
 * Arguments that read better formatted, by name: moments (unix seconds) as a date and time, lengths of time as a
 * duration, currency amounts as money.
 */
const ARG_FORMATS: Partial<Record<string, (value: bigint, lang: Lang) => string>> = {
  finalAt: (value, lang) => dateTime(value, lang),
  window: (value) => duration(Number(value)),
  loss: (value, lang) => money(value, lang),
  absorbable: (value, lang) => money(value, lang),
  maxAmount: (value, lang) => workAmount(value, lang),
};

/** An error's argument as a sentence shows it. */
function showArg(name: string, value: unknown, lang: Lang): string {
  const format = ARG_FORMATS[name];
  // viem decodes integers up to 48 bits (uint48 moments) as numbers, wider ones as bigints.
  const integer = typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value;
  return format && typeof integer === "bigint" ? format(integer, lang) : show(value);
}

/** `{name}` and `{0}` in a template, each replaced by that parameter; an unknown placeholder stays as it is. */
const fill = (template: string, params: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

const revertHex = (value: unknown): Hex | undefined => (isHex(value) && value.length >= 10 ? value : undefined);

/**
 * The revert data somewhere in an error, however deeply the client or the node wrapped it: a string `data` (viem's
 * RawContractError, a node's JSON-RPC error), a `data.data` (some nodes), or inside a `cause` or an `error`.
 */
function revertData(error: unknown, depth = 0): Hex | undefined {
  if (depth > 8 || typeof error !== "object" || error === null) return undefined;
  if (error instanceof ContractFunctionRevertedError && revertHex(error.raw)) return error.raw;
  const { data, cause, error: inner } = error as { data?: unknown; cause?: unknown; error?: unknown };
  const found = revertHex(data) ?? revertHex((data as { data?: unknown } | undefined)?.data);
  return found ?? revertData(cause, depth + 1) ?? revertData(inner, depth + 1);
}

/** An error's name and arguments, by the ABI item that decoded them. */
function describe(
  name: string,
  inputs: readonly { name?: string }[],
  values: readonly unknown[],
  lang: Lang,
): DecodedRevert {
  const args: Record<string, unknown> = {};
  const params: Record<string, string> = {};
  values.forEach((value, i) => {
    const key = inputs[i]?.name || String(i);
    args[key] = value;
    params[String(i)] = params[key] = showArg(key, value, lang);
  });
  const call = `${name}(${values.map(show).join(", ")})`;
  if (name === "Error") {
    return { name, args, call, message: fill(GENERIC[lang].reverted, { error: show(values[0]) }), explained: true };
  }
  if (name === "Panic") {
    const reason = PANICS.get(Number(values[0])) ?? `panic ${show(values[0])}`;
    return { name, args, call, message: fill(GENERIC[lang].reverted, { error: reason }), explained: true };
  }
  const sentence = ERROR_SENTENCES[lang][name];
  return sentence
    ? { name, args, call, message: fill(sentence, params), explained: true }
    : { name, args, call, message: fill(GENERIC[lang].reverted, { error: call }), explained: false };
}

/**
 * The revert in a failed call or transaction, decoded by every DisCO contract's errors (and Error(string), Panic),
 * with its named arguments and its sentence; undefined when the error carries no revert at all.
 */
export function decodeRevert(error: unknown, lang: Lang = "en"): DecodedRevert | undefined {
  // viem decoded it already, by the call's own ABI (which may declare errors the DisCO's contracts don't).
  const decoded =
    error instanceof BaseError
      ? (error.walk(
          (e) => e instanceof ContractFunctionRevertedError && e.data?.errorName !== undefined,
        ) as ContractFunctionRevertedError | null)
      : null;
  if (decoded?.data) {
    const { errorName, args = [], abiItem } = decoded.data;
    return describe(errorName, (abiItem as AbiError | undefined)?.inputs ?? [], args, lang);
  }
  const data = revertData(error);
  if (!data) return undefined;
  try {
    const { errorName, args = [], abiItem } = decodeErrorResult({ abi: ALL_ERRORS, data });
    return describe(errorName, (abiItem as AbiError | undefined)?.inputs ?? [], args, lang);
  } catch {
    const selector = data.slice(0, 10);
    const error = fill(GENERIC[lang].unknownError, { selector });
    return {
      name: selector,
      args: { data },
      call: selector,
      message: fill(GENERIC[lang].reverted, { error }),
      explained: false,
    };
  }
}

/** A failed request as one sentence in the chosen language: a wallet refusal, a decoded revert, or its message. */
export function explainError(error: unknown, lang: Lang): string {
  if (error instanceof BaseError && error.walk((e) => e instanceof UserRejectedRequestError)) {
    return GENERIC[lang].rejected;
  }
  const revert = decodeRevert(error, lang);
  if (revert) return revert.message;
  const message =
    error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return fill(GENERIC[lang].unknown, { message });
}

/**
 * A failure as a command line tells it, naming the error with its values and then its sentence: "The contract
 * refused: LedgerSelfReview(5). You can't review your own work (entry 5): another member has to."; any other failure
 * by its message.
 */
export function revertMessage(error: unknown, lang: Lang = "en"): string {
  const revert = decodeRevert(error, lang);
  if (revert?.explained && revert.name !== "Error" && revert.name !== "Panic") {
    return `${fill(GENERIC[lang].reverted, { error: revert.call })} ${revert.message}`;
  }
  if (revert) return revert.message;
  return error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
}
