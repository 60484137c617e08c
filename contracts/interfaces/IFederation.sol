// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IFederation
/// @notice A federation of DisCOs (DisCO principle 7): a shared charter (a document's URI and hash), member DisCOs
/// that decide together (admitting and removing a DisCO, changing the charter) with one vote each, check-ins of each
/// member's final periods with their books' digest and headline figures, peers' verdicts on those check-ins, and
/// directed trust values between members.
/// @dev A DisCO is named everywhere by its membership address (its id in the factory's DisCOCreated) and acts through
/// its timelock, that is by its own members' executed vote; for federation proposals and votes also through a
/// delegate its timelock names and can revoke. A DisCO's timelock, ledger and audit registry are resolved from the
/// factory's registry when it applies (or founds) and kept. A DisCO that later changes its timelock (by a bylaw of
/// its own) can't act here any more: the new timelock is not the one recorded, so it can neither vote, propose, set
/// trust nor leave. The federation's other members may remove it by a Remove proposal, and it may then apply again
/// from the new timelock, which the factory must know as a DisCO's (the factory knows only the timelocks it created,
/// so today a DisCO whose timelock was replaced can't apply again).
/// No admin, owner or upgrade: only the members' decisions change a federation (one whose members all left admits
/// nobody: an application's electorate is empty, so it is Defeated at once). No function loops over members.
///
/// Proposals: each runs for `votingPeriod` until its deadline; once Passed it may be executed until its deadline plus
/// another voting period (its execution window), then it is Expired. Execution never acts on a state its vote did
/// not see: a Remove is voted on the subject's admission (stale if it left, or left and was admitted again), an
/// older Charter is never executed after a newer one, an Admit of a DisCO that is already a member is stale.
///
/// Check-ins never change (L3): a wrong one is challenged by the peers, and the DisCO checks in nothing else for
/// that period; its next periods' check-ins carry on. A verdict recorded by the very address that made the check-in
/// (one person who is an auditor in two DisCOs) is kept here, and the SDK marks it a conflict and does not count it
/// (L4): the events' `by` show it, at no cost on chain.
interface IFederation {
    /// @notice What a federation proposal decides. Admit comes only from `applyToJoin`.
    enum ProposalKind {
        Admit,
        Remove,
        Charter
    }

    /// @notice Where a proposal stands: Passed once For is an absolute majority of its electorate, until its deadline
    /// plus one voting period (then Expired if not executed); Defeated once Against is half of it or more, or at its
    /// deadline without a majority; Withdrawn when the applicant withdrew its application (Admit only).
    enum ProposalState {
        Active,
        Passed,
        Defeated,
        Executed,
        Expired,
        Withdrawn
    }

    /// @notice A peer DisCO's verdict on a check-in.
    enum Verdict {
        None,
        Confirmed,
        Challenged
    }

    /// @notice The figure of a check-in a challenge names as differing from the DisCO's own logs.
    enum Figure {
        Digest,
        Members,
        BindingMembers,
        LivelihoodPayable,
        LovePayable,
        CarePayable,
        MoneyIn,
        MoneyOut,
        CreditIn,
        CreditOut
    }

    /// @notice A member DisCO's record (also kept for an applicant and for a DisCO that left).
    /// @param timelock The timelock it acts through, resolved when it applied or founded
    /// @param index Its permanent number in this federation, from 1, assigned at its first admission (0: never admitted)
    /// @param admission The admissions counter's value when it was last admitted: it votes on proposals made since
    /// @param active Whether it is a member now
    /// @param treasurerTrustBound The highest trust value its treasurers may set on their own (0-100)
    /// @param ledger Its ValueLedger (treasurers: TREASURER_ROLE there)
    /// @param audit Its AuditRegistry (auditors: AUDITOR_ROLE there)
    /// @param delegate Who may propose and vote for it besides its timelock (zero: nobody)
    struct Member {
        address timelock;
        uint32 index;
        uint32 admission;
        bool active;
        uint8 treasurerTrustBound;
        address ledger;
        address audit;
        address delegate;
    }

    /// @notice A federation proposal.
    /// @param subject The DisCO admitted (Admit) or removed (Remove); zero for Charter
    /// @param kind What it decides
    /// @param executed Whether it was executed
    /// @param withdrawn Whether the applicant withdrew it (Admit only)
    /// @param snapshot The admissions counter at creation: members admitted later do not vote on it
    /// @param deadline When voting ends without a majority; a Passed proposal may be executed until one voting period
    /// after it
    /// @param electorate The number of member DisCOs at creation
    /// @param forVotes DisCOs that voted For
    /// @param againstVotes DisCOs that voted Against
    /// @param charterHash The new charter's hash (Charter)
    /// @param charterURI The new charter's URI (Charter)
    struct Proposal {
        address subject;
        ProposalKind kind;
        bool executed;
        bool withdrawn;
        uint32 snapshot;
        uint48 deadline;
        uint32 electorate;
        uint32 forVotes;
        uint32 againstVotes;
        bytes32 charterHash;
        string charterURI;
    }

    /// @notice A check-in's headline figures, as the DisCO's books give them for the period.
    /// @param members Members at the period's close
    /// @param bindingMembers Committed (binding) members at the period's close
    /// @param payable_ Payable totals per stream (livelihood, love, care) in the ledger's units
    /// @param moneyIn Money received in the period, in the currency's units
    /// @param moneyOut Money paid out in the period, in the currency's units
    /// @param creditIn Mutual credit received in the period: the credit cents (100 a euro of the currency) of the
    /// payments of the federation's credit network in which the DisCO was the payee, in blocks whose time falls in the
    /// period's window as for moneyIn (settlements are money, already in moneyIn/moneyOut; clearings move no net
    /// position; a payment that only passes through it counts in neither)
    /// @param creditOut Mutual credit paid in the period: the credit cents of the payments in which it was the payer,
    /// placed as creditIn
    struct Figures {
        uint32 members;
        uint32 bindingMembers;
        uint64[3] payable_;
        uint128 moneyIn;
        uint128 moneyOut;
        uint64 creditIn;
        uint64 creditOut;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted once, when the factory founds the federation.
    event FederationFounded(string name, uint32 votingPeriod);

    /// @notice Emitted when the charter is set: at the founding, then by an executed Charter proposal.
    event CharterSet(string uri, bytes32 hash);

    /// @notice Emitted when a DisCO applies (the contracts it acts through, resolved now) with its Admit proposal.
    event Applied(
        address indexed disco,
        uint256 indexed proposalId,
        address timelock,
        address ledger,
        address audit,
        string reason
    );

    /// @notice Emitted when a DisCO withdraws its open application `proposalId` (which is then Withdrawn).
    event ApplicationWithdrawn(address indexed disco, uint256 indexed proposalId);

    /// @notice Emitted when a DisCO becomes a member: the founder (proposalId 0), or by an executed Admit proposal.
    event MemberAdmitted(
        address indexed disco,
        uint256 indexed proposalId,
        uint32 index,
        uint32 admission,
        address timelock,
        address ledger,
        address audit
    );

    /// @notice Emitted when a member DisCO leaves by its own decision.
    event MemberLeft(address indexed disco);

    /// @notice Emitted when an executed Remove proposal removes a member DisCO.
    event MemberRemoved(address indexed disco, uint256 indexed proposalId);

    /// @notice Emitted when a DisCO names (or, with zero, revokes) its delegate; also with zero when a member that
    /// had a delegate leaves or is removed (its delegate is cleared then).
    event DelegateSet(address indexed disco, address indexed delegate);

    /// @notice Emitted when a proposal is made, with everything it records.
    event ProposalCreated(
        uint256 indexed id,
        address indexed proposer,
        ProposalKind kind,
        address subject,
        string uri,
        bytes32 hash,
        uint32 snapshot,
        uint32 electorate,
        uint48 deadline,
        address by
    );

    /// @notice Emitted when a member DisCO votes, through `by` (its timelock or delegate).
    event VoteCast(uint256 indexed id, address indexed disco, bool support, address by);

    /// @notice Emitted when a passed proposal is executed.
    event ProposalExecuted(uint256 indexed id);

    /// @notice Emitted when a DisCO checks in a final period; the digest and figures are kept in this event only.
    event CheckedIn(address indexed disco, uint32 indexed period, bytes32 digest, Figures figures, address by);

    /// @notice Emitted when a peer DisCO confirms a check-in.
    event CheckInConfirmed(address indexed disco, uint32 indexed period, address indexed confirmer, address by);

    /// @notice Emitted when a peer DisCO challenges a check-in, naming the figure that differs.
    event CheckInChallenged(
        address indexed disco,
        uint32 indexed period,
        address indexed challenger,
        Figure figure,
        string reason,
        address by
    );

    /// @notice Emitted when a DisCO sets its trust toward another (the events are the history; a value lapses to 0,
    /// with no event, when either DisCO leaves or is removed).
    event TrustSet(address indexed from, address indexed to, uint8 value, address by);

    /// @notice Emitted when a DisCO sets the highest trust its treasurers may set on their own.
    event TreasurerTrustBoundSet(address indexed disco, uint8 bound);

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Thrown when anything but the factory initialises a federation.
    error FederationNotFactory(address caller);

    /// @notice Thrown when the charter's URI is empty.
    error FederationEmptyCharterURI();

    /// @notice Thrown when the charter's hash is zero.
    error FederationEmptyCharterHash();

    /// @notice Thrown when the voting period is under MIN_VOTING_PERIOD or over MAX_VOTING_PERIOD.
    error FederationInvalidVotingPeriod(uint32 votingPeriod);

    /// @notice Thrown when the caller is no timelock of a DisCO the factory made.
    error FederationNotDisCO(address caller);

    /// @notice Thrown when a DisCO that is a member applies.
    error FederationAlreadyMember(address disco);

    /// @notice Thrown when a DisCO applies while its application `proposalId` is still Active or Passed.
    error FederationApplicationOpen(address disco, uint256 proposalId);

    /// @notice Thrown when `disco` is not a member now.
    error FederationNotMember(address disco);

    /// @notice Thrown when `caller` may not act for `disco` here.
    error FederationUnauthorized(address caller, address disco);

    /// @notice Thrown when `propose` is asked for an Admit (which only `applyToJoin` opens) or a kind that does not
    /// exist.
    error FederationInvalidKind(uint8 kind);

    /// @notice Thrown when a proposal carries what its kind does not take: a Charter with a subject, or a Remove with
    /// a URI or a hash.
    error FederationInvalidProposal();

    /// @notice Thrown when a DisCO withdraws an application and has none Active or Passed.
    error FederationNoApplication(address disco);

    /// @notice Thrown when no proposal has the id.
    error FederationUnknownProposal(uint256 id);

    /// @notice Thrown when a vote reaches a proposal no longer Active.
    error FederationProposalClosed(uint256 id, ProposalState state);

    /// @notice Thrown when a member DisCO votes twice on a proposal.
    error FederationAlreadyVoted(uint256 id, address disco);

    /// @notice Thrown when a member DisCO admitted after the proposal was made votes on it.
    error FederationNotEligible(uint256 id, address disco);

    /// @notice Thrown when a proposal that is not Passed is executed.
    error FederationProposalNotPassed(uint256 id, ProposalState state);

    /// @notice Thrown when a Passed proposal no longer applies: a Remove whose subject left, or was admitted again,
    /// since it was made; an Admit whose applicant is already a member; a Charter older than the last executed one.
    error FederationProposalStale(uint256 id);

    /// @notice Thrown when a check-in names no digest.
    error FederationEmptyDigest();

    /// @notice Thrown when a check-in's binding members outnumber its members.
    error FederationInvalidFigures(uint32 members, uint32 bindingMembers);

    /// @notice Thrown when a period is checked in before it is final on the DisCO's ledger.
    error FederationPeriodNotFinal(address disco, uint32 period);

    /// @notice Thrown when a period is checked in twice.
    error FederationAlreadyCheckedIn(address disco, uint32 period);

    /// @notice Thrown when a verdict names a check-in that does not exist.
    error FederationUnknownCheckIn(address disco, uint32 period);

    /// @notice Thrown when a DisCO gives a verdict on its own check-in, or trust to itself.
    error FederationOwnDisCO(address disco);

    /// @notice Thrown when a challenge names a figure that does not exist.
    error FederationInvalidFigure(uint8 figure);

    /// @notice Thrown when a peer DisCO gives a second verdict on a check-in.
    error FederationAlreadyJudged(address disco, uint32 period, address peer);

    /// @notice Thrown when a trust value or bound is over MAX_TRUST.
    error FederationInvalidTrust(uint8 value);

    /// @notice Thrown when a treasurer sets a trust value over their DisCO's bound, or changes one that is over it
    /// (`value` is the offending one: the new value, or else the current one).
    error FederationTrustOverBound(address from, uint8 value, uint8 bound);

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @notice Sets up a federation clone, once, by the factory: its founder becomes member 1.
    /// @param name_ The federation's name
    /// @param charterURI Where the charter can be read (non-empty)
    /// @param charterHash keccak256 of the charter (non-zero)
    /// @param votingPeriod_ Seconds a proposal stays open, MIN_VOTING_PERIOD to MAX_VOTING_PERIOD
    /// @param founderTimelock The founding DisCO's timelock
    function initialize(
        string calldata name_,
        string calldata charterURI,
        bytes32 charterHash,
        uint32 votingPeriod_,
        address founderTimelock
    ) external;

    /// @notice Applies to join, by a DisCO's timelock (its members' vote): opens an Admit proposal of which the
    /// applicant is the proposer. (`apply` is a reserved word in Solidity.)
    /// @param reason Why the DisCO applies (or where its application can be read)
    /// @return proposalId The Admit proposal
    function applyToJoin(string calldata reason) external returns (uint256 proposalId);

    /// @notice Withdraws the DisCO's latest application while it is Active, or Passed and not executed, by the
    /// DisCO's timelock; the DisCO may then apply again.
    /// @param disco The applicant DisCO
    function withdrawApplication(address disco) external;

    /// @notice Leaves the federation at once, by the DisCO's timelock; the votes it already cast stay counted. Its
    /// delegate is cleared, and trust from and toward it lapses to 0 (it starts afresh if admitted again).
    /// @param disco A member DisCO
    function leave(address disco) external;

    /// @notice Names the DisCO's delegate, by its timelock (zero revokes): who may propose and vote for it.
    /// @param disco A DisCO that applied or is or was a member
    /// @param delegate The delegate, or zero
    function setDelegate(address disco, address delegate) external;

    /// @notice Makes a proposal for a member DisCO, by its timelock or delegate.
    /// @param disco The proposing member DisCO
    /// @param kind Remove (1: subject a member, no uri nor hash) or Charter (2: no subject, uri non-empty, hash
    /// non-zero); a uint8 so that any other value reverts FederationInvalidKind
    /// @param subject The member to remove (Remove; zero for Charter)
    /// @param uri The new charter's URI (Charter; empty for Remove)
    /// @param hash The new charter's hash (Charter; zero for Remove)
    /// @return id The proposal's id (1, 2, ...)
    function propose(
        address disco,
        uint8 kind,
        address subject,
        string calldata uri,
        bytes32 hash
    ) external returns (uint256 id);

    /// @notice Casts a member DisCO's vote, by its timelock or delegate: once per proposal, if it was a member when
    /// the proposal was made and is one now.
    /// @param id An Active proposal
    /// @param disco The voting member DisCO
    /// @param support For (true) or Against (false)
    function vote(uint256 id, address disco, bool support) external;

    /// @notice Executes a Passed proposal within its execution window, by anyone: Admit makes the applicant a member,
    /// Remove deactivates the subject (clearing its delegate; trust from and toward it lapses), Charter sets the
    /// charter. Reverts FederationProposalStale when the proposal no longer applies (see FederationProposalStale).
    /// @param id A Passed proposal
    function execute(uint256 id) external;

    /// @notice Checks in a final period of a member DisCO's books, by one of its treasurers or auditors; once per
    /// period, never changed nor superseded (a wrong check-in is for the peers to challenge).
    /// @param disco A member DisCO
    /// @param period A final period of its ledger
    /// @param digest The canonical hash of the period's books (the one its audit attests)
    /// @param figures The period's headline figures
    function checkIn(address disco, uint32 period, bytes32 digest, Figures calldata figures) external;

    /// @notice Confirms another member's check-in, by an auditor of the confirming member DisCO; one verdict per
    /// check-in and peer, never changed.
    /// @param confirmer The confirming member DisCO
    /// @param disco The DisCO that checked in
    /// @param period The period checked in
    function confirmCheckIn(address confirmer, address disco, uint32 period) external;

    /// @notice Challenges another member's check-in, by an auditor of the challenging member DisCO; one verdict per
    /// check-in and peer, never changed.
    /// @param challenger The challenging member DisCO
    /// @param disco The DisCO that checked in
    /// @param period The period checked in
    /// @param figure The figure that differs from the DisCO's own logs (a Figure; any other value reverts
    /// FederationInvalidFigure)
    /// @param reason What differs, and how it was found
    function challengeCheckIn(
        address challenger,
        address disco,
        uint32 period,
        uint8 figure,
        string calldata reason
    ) external;

    /// @notice Sets `from`'s trust toward `to` (both members, not the same): by from's timelock, any value; or by
    /// one of from's treasurers, when both the current value and the new one are within from's treasurer trust bound
    /// (a value the members set above the bound is theirs to change). The value is kept with both DisCOs' admissions.
    /// @param from The trusting member DisCO
    /// @param to The trusted member DisCO
    /// @param value 0 to MAX_TRUST
    function setTrust(address from, address to, uint8 value) external;

    /// @notice Sets the highest trust value the DisCO's treasurers may set on their own, by its timelock.
    /// @param disco A DisCO that applied or is or was a member
    /// @param bound 0 to MAX_TRUST
    function setTreasurerTrustBound(address disco, uint8 bound) external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice The highest trust value.
    /// @return 100
    function MAX_TRUST() external view returns (uint8);

    /// @notice The shortest voting period.
    /// @return 1 hour
    function MIN_VOTING_PERIOD() external view returns (uint32);

    /// @notice The longest voting period.
    /// @return 365 days
    function MAX_VOTING_PERIOD() external view returns (uint32);

    /// @notice The factory that founded the federation and knows the DisCOs' timelocks.
    /// @return The factory
    function factory() external view returns (address);

    /// @notice The federation's name.
    /// @return The name
    function name() external view returns (string memory);

    /// @notice The charter.
    /// @return uri Where it can be read
    /// @return hash keccak256 of its bytes
    function charter() external view returns (string memory uri, bytes32 hash);

    /// @notice Seconds a proposal stays open.
    /// @return The voting period
    function votingPeriod() external view returns (uint32);

    /// @notice How many proposals were made (the last id).
    /// @return The count
    function proposalCount() external view returns (uint256);

    /// @notice A proposal.
    /// @param id A proposal id
    /// @return The proposal
    function proposal(uint256 id) external view returns (Proposal memory);

    /// @notice Where a proposal stands.
    /// @param id A proposal id
    /// @return The state
    function state(uint256 id) external view returns (ProposalState);

    /// @notice Whether a DisCO voted on a proposal.
    /// @param id A proposal id
    /// @param disco A DisCO
    /// @return Whether it voted
    function hasVoted(uint256 id, address disco) external view returns (bool);

    /// @notice A DisCO's record (zero for a DisCO that never applied).
    /// @param disco A DisCO
    /// @return The record
    function memberOf(address disco) external view returns (Member memory);

    /// @notice Whether a DisCO is a member now.
    /// @param disco A DisCO
    /// @return Whether it is
    function isMember(address disco) external view returns (bool);

    /// @notice How many DisCOs are members now.
    /// @return The count
    function memberCount() external view returns (uint256);

    /// @notice Whether a DisCO checked in a period.
    /// @param disco A DisCO
    /// @param period A period
    /// @return Whether it did
    function checkedIn(address disco, uint32 period) external view returns (bool);

    /// @notice A peer DisCO's verdict on a check-in.
    /// @param disco The DisCO that checked in
    /// @param period The period
    /// @param peer The peer DisCO
    /// @return The verdict (None for a DisCO never admitted)
    function verdictOf(address disco, uint32 period, address peer) external view returns (Verdict);

    /// @notice A DisCO's trust toward another, 0 to MAX_TRUST: 0 unless both are members on the admissions they had
    /// when it was set (trust lapses when either leaves or is removed, and does not come back when it rejoins).
    /// @param from The trusting DisCO
    /// @param to The trusted DisCO
    /// @return The value
    function trustOf(address from, address to) external view returns (uint8);
}
