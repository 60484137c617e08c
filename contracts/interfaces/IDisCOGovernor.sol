// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IDisCOGovernor
/// @notice What the DisCO's governor adds to OpenZeppelin's IGovernor: three kinds of proposal (standard, bylaw,
/// consent), a Block vote with a reason, advisory (Dating) tallies beside the binding ones, and optional
/// multi-constituency weighting.
/// @dev Support values: 0 Against, 1 For, 2 Abstain (GovernorBravo order) and 3 Block, on consent proposals only.
/// Quorum, for anyone re-deciding a proposal: ceil(binding members at the snapshot x the quorum numerator at the
/// snapshot / 10,000), against binding participation (For + Against + Abstain + Block, unweighted). With
/// constituency weighting, each constituency's For, Against and Abstain weigh floor(share x 1e14 x votes /
/// its binding members at the snapshot), summed over constituencies (a constituency with no members adds nothing).
interface IDisCOGovernor {
    /// @notice How a proposal is decided. Every kind needs quorum and binding For > Against (weighted when
    /// constituency weighting is on), so that Against never helps a proposal pass; and with weighting on, no
    /// proposal passes either when more binding members voted Against than For (head count).
    /// - Standard (every other proposal: spending, resolving a dispute, approving a year with a surplus, admitting
    ///   or moving a member within Casual and Dating): quorum, then For > Against.
    /// - Bylaw: a proposal with any call to the governor or the timelock, to a bylaw function (see isBylawFunction:
    ///   by default every parameter, role and a loss year), or to the membership that changes who holds a binding
    ///   vote or how it weighs: `admit` or `changeStage` to Committed; `changeStage`, `remove` or
    ///   `changeConstituency` of a member who is Committed (a move is a bylaw even while weighting is off, so that
    ///   moves executed just before weighting is switched on can't hand a majority more weight). Quorum, then For >
    ///   Against and
    ///   For / (For + Against) at least the supermajority set when it was proposed. The membership calls are judged
    ///   by the members' stages when the proposal is made and again when it is executed: a proposal that needs a
    ///   bylaw by then, and was not one, is refused (DisCOGovernorNeedsBylaw).
    /// - Consent (description starting with CONSENT_PREFIX, never a bylaw): quorum, For > Against and no binding
    ///   Block.
    enum ProposalKind {
        Standard,
        Bylaw,
        Consent
    }

    /// @notice Votes on one proposal: binding ones by Committed members, advisory ones by Dating members; with the
    /// rules fixed when it was made (the supermajority in force then is recorded for every kind, applied to bylaws).
    struct ProposalTally {
        ProposalKind kind;
        bool weighted;
        uint16 supermajorityNumerator;
        uint16 supermajorityDenominator;
        uint24 forVotes;
        uint24 againstVotes;
        uint24 abstainVotes;
        uint24 blockVotes;
        uint24 advisoryFor;
        uint24 advisoryAgainst;
        uint24 advisoryAbstain;
        uint24 advisoryBlock;
    }

    /// @notice Binding votes of one constituency on one proposal (kept only when weighting is on).
    struct ConstituencyTally {
        uint24 forVotes;
        uint24 againstVotes;
        uint24 abstainVotes;
    }

    /// @notice The governor's parameters at set-up; the members change each of them by vote afterwards.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumBps;
        uint16 supermajorityNumerator;
        uint16 supermajorityDenominator;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted with every new proposal, after ProposalCreated, with the rules it will be decided by.
    event ProposalClassified(
        uint256 indexed proposalId,
        ProposalKind kind,
        uint16 supermajorityNumerator,
        uint16 supermajorityDenominator,
        uint16[8] constituencyShares
    );

    /// @notice Emitted when the members change the supermajority that bylaw proposals need.
    event SupermajoritySet(uint16 numerator, uint16 denominator);

    /// @notice Emitted when the members change constituency weighting (all zero: one member, one vote).
    event ConstituencySharesSet(uint16[8] sharesBps);

    /// @notice Emitted when the members mark a function as a bylaw change, or unmark it; and at initialisation once
    /// for each function of the default bylaw table (isBylaw true), so that the logs alone tell the whole table.
    event BylawFunctionSet(address indexed target, bytes4 indexed selector, bool isBylaw);

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Thrown when a Block vote carries no reason.
    error DisCOGovernorBlockWithoutReason();

    /// @notice Thrown when `voter` had no vote at the proposal's snapshot (not a member, Casual, or gone since).
    error DisCOGovernorNotEligible(address voter, uint256 proposalId);

    /// @notice Thrown when a consent proposal would change a bylaw: bylaws always need a supermajority vote.
    error DisCOGovernorConsentBylaw();

    /// @notice Thrown when a proposal decided as Standard or Consent is executed while one of its calls now changes
    /// who holds a binding vote (a member it moves became Committed after it was made): that needs a bylaw.
    error DisCOGovernorNeedsBylaw(uint256 proposalId);

    /// @notice Thrown when a supermajority is not more than half and at most the whole.
    error DisCOGovernorInvalidSupermajority(uint16 numerator, uint16 denominator);

    /// @notice Thrown when constituency shares are neither all zero nor sum to 10,000 basis points.
    error DisCOGovernorInvalidShares(uint256 sum);

    /// @notice Thrown when a bylaw function is set on the zero address.
    error DisCOGovernorInvalidBylawTarget(address target);

    /// @notice A governor set up without a timelock.
    error DisCOGovernorNoTimelock();

    // ------------------------------------------------------------------------------------------------ GOVERNANCE

    /// @notice Sets the supermajority that new bylaw proposals need. Only through governance.
    /// @param numerator More than half of `denominator`, at most all of it
    /// @param denominator Non-zero
    function setSupermajority(uint16 numerator, uint16 denominator) external;

    /// @notice Sets each constituency's share of every decision, in basis points; all zero turns weighting off.
    /// Applies to proposals made afterwards. Only through governance.
    /// @param sharesBps One share per constituency id, summing to 10,000, or all zero
    function setConstituencyShares(uint16[8] calldata sharesBps) external;

    /// @notice Marks or unmarks `target.selector` as a bylaw change for this DisCO, over the default bylaw table
    /// (unmarking a default entry makes its calls Standard again; marking it again restores it). Calls to the
    /// governor and the timelock, and membership calls that change who holds a binding vote, stay bylaws whatever
    /// is set here. Only through governance.
    /// @param target The contract
    /// @param selector The function
    /// @param isBylaw Whether proposals calling it need a supermajority
    function setBylawFunction(address target, bytes4 selector, bool isBylaw) external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice The description prefix that makes a proposal a consent proposal.
    /// @return The prefix
    function CONSENT_PREFIX() external view returns (string memory);

    /// @notice The supermajority that new bylaw proposals need.
    /// @return numerator The numerator
    /// @return denominator The denominator
    function supermajority() external view returns (uint16 numerator, uint16 denominator);

    /// @notice The constituency shares that new proposals will use (all zero: unweighted).
    /// @return sharesBps One share per constituency id
    function constituencyShares() external view returns (uint16[8] memory sharesBps);

    /// @notice Whether proposals calling `target.selector` are bylaw proposals: this DisCO's setBylawFunction when
    /// the members set one, otherwise the default bylaw table. The default table is in the governor's code, not in
    /// storage, and emitted (BylawFunctionSet) at initialisation: the role functions (grantRole, revokeRole,
    /// renounceRole) of the membership, ledger, treasury, capital accounts and audit registry; the membership's
    /// setConstituencyName; the ledger's setWeight, setCap, setApprovalsRequired, setMinimumContribution and
    /// setReviewWindow; the treasury's setBuckets; the capital accounts' setSettings and closeYearAtLoss; and the
    /// audit registry's setWageRatioCap.
    /// @param target The contract
    /// @param selector The function
    /// @return True when they need a supermajority
    function isBylawFunction(address target, bytes4 selector) external view returns (bool);

    /// @notice The kind that a proposal with these calls and this description would be.
    /// @param targets The proposal's targets
    /// @param calldatas The proposal's calldatas
    /// @param description The proposal's description
    /// @return The kind
    function classify(
        address[] calldata targets,
        bytes[] calldata calldatas,
        string calldata description
    ) external view returns (ProposalKind);

    /// @notice A proposal's whole tally: kind, rules and binding and advisory votes.
    /// @param proposalId The proposal
    /// @return The tally
    function proposalTally(uint256 proposalId) external view returns (ProposalTally memory);

    /// @notice A proposal's binding votes of one constituency (zero unless the proposal is weighted).
    /// @param proposalId The proposal
    /// @param constituency The constituency id
    /// @return The constituency's votes
    function constituencyTally(uint256 proposalId, uint8 constituency) external view returns (ConstituencyTally memory);

    /// @notice The constituency shares fixed for a proposal when it was made (all zero: unweighted).
    /// @param proposalId The proposal
    /// @return sharesBps One share per constituency id
    function proposalShares(uint256 proposalId) external view returns (uint16[8] memory sharesBps);

    /// @notice A proposal's binding For, Against and Abstain after constituency weighting, scaled so that the whole
    /// DisCO is 1e18 (for unweighted proposals, the plain counts).
    /// @param proposalId The proposal
    /// @return againstVotes Weighted Against
    /// @return forVotes Weighted For
    /// @return abstainVotes Weighted Abstain
    function weightedVotes(
        uint256 proposalId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);

    /// @notice How `account` voted on a proposal.
    /// @param proposalId The proposal
    /// @param account The voter
    /// @return voted Whether they voted
    /// @return support Their support value when they did
    function voteOf(uint256 proposalId, address account) external view returns (bool voted, uint8 support);
}
