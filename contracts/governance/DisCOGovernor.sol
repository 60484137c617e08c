// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorNoncesKeyed} from "@openzeppelin/contracts/governance/extensions/GovernorNoncesKeyed.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {CloneArgs} from "../utils/CloneArgs.sol";
import {IAuditRegistry} from "../interfaces/IAuditRegistry.sol";
import {ICapitalAccounts} from "../interfaces/ICapitalAccounts.sol";
import {IDisCOGovernor} from "../interfaces/IDisCOGovernor.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {IValueLedger} from "../interfaces/IValueLedger.sol";

/// @title DisCOGovernor
/// @notice The DisCO's democracy: OpenZeppelin's Governor with its timelock, counting one binding vote per Committed
/// member at the proposal's snapshot, advisory votes of Dating members beside them, supermajorities for bylaws and
/// for every change of who holds a binding vote, consent proposals that a binding Block stops, and optional
/// multi-constituency weighting.
/// @dev Extends OpenZeppelin through its hooks only (_getVotes, _countVote, _quorumReached, _voteSucceeded,
/// _propose, _castVote, _executeOperations). Quorum is participation: binding For + Against + Abstain (+ Block)
/// against a fraction, in basis points, of binding members at the snapshot, rounded up. Signed ballots use keyed
/// nonces (GovernorNoncesKeyed): a ballot signed for one proposal never spends the nonce of another.
contract DisCOGovernor is
    IDisCOGovernor,
    Governor,
    GovernorSettings,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorNoncesKeyed,
    Initializable
{
    /// @dev This DisCO's answer for one function over the default bylaw table's: none (the default's stands), or
    /// explicitly a bylaw change or not one.
    enum BylawOverride {
        Default,
        Bylaw,
        NotBylaw
    }

    /// @inheritdoc IDisCOGovernor
    string public constant CONSENT_PREFIX = "[consent]";

    uint8 private constant _AGAINST = 0;
    uint8 private constant _FOR = 1;
    uint8 private constant _ABSTAIN = 2;
    uint8 private constant _BLOCK = 3;
    uint256 private constant _COMMITTED = uint256(IMembership.Stage.Committed);
    uint256 private constant _BPS = 10_000;
    uint256 private constant _RECEIPT_BITS = 4;
    uint256 private constant _RECEIPTS_PER_WORD = 64;
    // Scales a share in basis points so that the whole DisCO weighs 1e18.
    uint256 private constant _SHARE_SCALE = 1e14;
    // The clone's arguments, in order: membership, ledger, treasury, capital accounts and audit registry, the
    // contracts that the default bylaw table names.
    uint256 private constant _MEMBERSHIP_ARG = 0;
    uint256 private constant _LEDGER_ARG = 1;
    uint256 private constant _TREASURY_ARG = 2;
    uint256 private constant _CAPITAL_ARG = 3;
    uint256 private constant _CLONE_ARGS = 5;

    // ------------------------------------------------------------------------------------------------ STORAGE

    mapping(uint256 proposalId => ProposalTally) private _tallies;
    mapping(uint256 proposalId => mapping(uint8 constituency => ConstituencyTally)) private _constituencyTallies;
    mapping(uint256 proposalId => uint128) private _proposalShares;
    // Vote receipts, 4 bits (support + 1) per voter, 64 voters to a word by their permanent membership index: most
    // voters update a word that another voter already wrote, instead of paying for a fresh slot.
    mapping(uint256 proposalId => mapping(uint256 word => uint256 receipts)) private _receipts;
    // Only the members' changes to the default bylaw table, which lives in code (_defaultBylawSelectors): a DisCO
    // starts with no slot written here, rather than paying a fresh one for each of its 25 entries.
    mapping(address target => mapping(bytes4 selector => BylawOverride)) private _bylawOverrides;
    uint128 private _shares;
    uint16 private _supermajorityNumerator;
    uint16 private _supermajorityDenominator;

    /// @notice Every DisCO's governor answers to this name, which is also its EIP-712 domain name: signatures are
    /// told apart by the domain's verifying contract, the clone's own address.
    string public constant NAME = "DisCO Governor";

    /// @notice The implementation that clones run. OpenZeppelin's upgradeable Governor would not fit the project's
    /// 23,000-byte budget, so the standard Governor serves clones through its hooks: the membership comes from the
    /// clone's argument (token()), the clock is the membership's timestamp clock, and every setting lives in storage
    /// that `initialize` writes. The constructor's values are the implementation's own and govern nothing; its
    /// initialiser is locked.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor()
        Governor(NAME)
        GovernorSettings(0, 1, 0)
        GovernorVotes(IVotes(address(0)))
        GovernorVotesQuorumFraction(1)
        GovernorTimelockControl(TimelockController(payable(address(0))))
    {
        _disableInitializers();
    }

    /// @notice Sets up a clone, once: the factory calls it in the transaction that creates the clone. The clone's
    /// arguments are the DisCO's membership (the source of votes), ledger, treasury, capital accounts and audit
    /// registry, in that order: the contracts of the default bylaw table, which is in code and emitted here, one
    /// BylawFunctionSet each, so that the DisCO's logs tell its whole table.
    /// @param timelock_ The timelock that holds every right and executes proposals
    /// @param settings Voting delay and period (seconds), proposal threshold, quorum (bps), supermajority
    function initialize(TimelockController timelock_, Settings calldata settings) external initializer {
        if (address(timelock_) == address(0)) revert DisCOGovernorNoTimelock();
        _setVotingDelay(settings.votingDelay);
        _setVotingPeriod(settings.votingPeriod);
        _setProposalThreshold(settings.proposalThreshold);
        _updateQuorumNumerator(settings.quorumBps);
        // GovernorTimelockControl sets its timelock only through governance: while none is set this governor is its
        // own executor (_executor), so this call passes onlyGovernance, once.
        this.updateTimelock(timelock_);
        _setSupermajority(settings.supermajorityNumerator, settings.supermajorityDenominator);
        for (uint256 c = 0; c < _CLONE_ARGS; ++c) {
            address target = CloneArgs.addressAt(c);
            for (uint256 packed = _defaultBylawSelectors(c); packed != 0; packed >>= 32) {
                emit BylawFunctionSet(target, bytes4(uint32(packed)), true);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ GOVERNANCE

    /// @inheritdoc IDisCOGovernor
    function setSupermajority(uint16 numerator, uint16 denominator) external onlyGovernance {
        _setSupermajority(numerator, denominator);
    }

    /// @inheritdoc IDisCOGovernor
    function setConstituencyShares(uint16[8] calldata sharesBps) external onlyGovernance {
        _setConstituencyShares(sharesBps);
    }

    /// @inheritdoc IDisCOGovernor
    function setBylawFunction(address target, bytes4 selector, bool isBylaw) external onlyGovernance {
        _setBylawFunction(target, selector, isBylaw);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc IGovernor
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure override returns (string memory) {
        return "support=bravo&quorum=for,against,abstain&consent=block";
    }

    /// @inheritdoc IGovernor
    function hasVoted(uint256 proposalId, address account) public view override returns (bool) {
        return _receipt(proposalId, _membership().indexOf(account)) != 0;
    }

    /// @notice Binding votes, in GovernorCountingSimple's shape for governance clients.
    /// @param proposalId The proposal
    /// @return againstVotes Binding Against
    /// @return forVotes Binding For
    /// @return abstainVotes Binding Abstain
    function proposalVotes(
        uint256 proposalId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        ProposalTally storage t = _tallies[proposalId];
        return (t.againstVotes, t.forVotes, t.abstainVotes);
    }

    /// @inheritdoc IDisCOGovernor
    function voteOf(uint256 proposalId, address account) external view returns (bool voted, uint8 support) {
        uint256 receipt = _receipt(proposalId, _membership().indexOf(account));
        if (receipt == 0) return (false, 0);
        return (true, uint8(receipt - 1));
    }

    /// @inheritdoc IDisCOGovernor
    function supermajority() external view returns (uint16 numerator, uint16 denominator) {
        return (_supermajorityNumerator, _supermajorityDenominator);
    }

    /// @inheritdoc IDisCOGovernor
    function constituencyShares() external view returns (uint16[8] memory) {
        return _unpackShares(_shares);
    }

    /// @inheritdoc IDisCOGovernor
    function isBylawFunction(address target, bytes4 selector) external view returns (bool) {
        return _isBylawFunction(target, selector);
    }

    /// @inheritdoc IDisCOGovernor
    function classify(
        address[] calldata targets,
        bytes[] calldata calldatas,
        string calldata description
    ) external view returns (ProposalKind) {
        return _classify(targets, calldatas, description);
    }

    /// @inheritdoc IDisCOGovernor
    function proposalTally(uint256 proposalId) external view returns (ProposalTally memory) {
        return _tallies[proposalId];
    }

    /// @inheritdoc IDisCOGovernor
    function constituencyTally(
        uint256 proposalId,
        uint8 constituency
    ) external view returns (ConstituencyTally memory) {
        return _constituencyTallies[proposalId][constituency];
    }

    /// @inheritdoc IDisCOGovernor
    function proposalShares(uint256 proposalId) external view returns (uint16[8] memory) {
        return _unpackShares(_proposalShares[proposalId]);
    }

    /// @inheritdoc IDisCOGovernor
    function weightedVotes(
        uint256 proposalId
    ) public view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        ProposalTally storage t = _tallies[proposalId];
        uint256 snapshot = proposalSnapshot(proposalId);
        // Before the snapshot nobody has voted, and the constituencies' sizes are not known yet.
        if (!t.weighted || snapshot >= clock()) return (t.againstVotes, t.forVotes, t.abstainVotes);

        uint16[8] memory shares = _unpackShares(_proposalShares[proposalId]);
        for (uint8 c = 0; c < shares.length; ++c) {
            if (shares[c] == 0) continue;
            uint256 members = _membership().getPastConstituencyVotes(c, snapshot);
            if (members == 0) continue;
            ConstituencyTally storage ct = _constituencyTallies[proposalId][c];
            uint256 scale = shares[c] * _SHARE_SCALE;
            againstVotes += (scale * ct.againstVotes) / members;
            forVotes += (scale * ct.forVotes) / members;
            abstainVotes += (scale * ct.abstainVotes) / members;
        }
    }

    /// @inheritdoc GovernorVotesQuorumFraction
    function quorumDenominator() public pure override returns (uint256) {
        return _BPS;
    }

    /// @inheritdoc GovernorVotesQuorumFraction
    /// @dev Rounded up, so that a small DisCO's quorum never rounds down to fewer people than the bylaw says.
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return
            Math.mulDiv(
                token().getPastTotalSupply(timepoint),
                quorumNumerator(timepoint),
                quorumDenominator(),
                Math.Rounding.Ceil
            );
    }

    // ------------------------------------------------------------------------------------------------ HOOKS

    /// @dev One binding vote for a Committed member at the snapshot who is still a member; zero otherwise.
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory
    ) internal view override(Governor, GovernorVotes) returns (uint256) {
        (IMembership.Stage stage, , ) = _membership().voterStatus(account, timepoint);
        return stage == IMembership.Stage.Committed ? 1 : 0;
    }

    /// @dev A Block must say why.
    function _castVote(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) internal override returns (uint256) {
        if (support == _BLOCK && bytes(reason).length == 0) revert DisCOGovernorBlockWithoutReason();
        return super._castVote(proposalId, account, support, reason, params);
    }

    /// @dev Weight 1 counts as binding; weight 0 counts as advisory for a Dating member and is refused for anyone
    /// else, so that only people with a say leave a vote on the record.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory
    ) internal override returns (uint256) {
        ProposalTally storage t = _tallies[proposalId];
        if (support > _BLOCK || (support == _BLOCK && t.kind != ProposalKind.Consent)) {
            revert GovernorInvalidVoteType();
        }
        // The same lookup as _getVotes made (warm now): the index for the receipt, the stage and constituency.
        (IMembership.Stage stage, uint8 constituency, uint32 index) = _membership().voterStatus(
            account,
            proposalSnapshot(proposalId)
        );
        bool binding = totalWeight > 0;
        bool dating = stage >= IMembership.Stage.Dating1 && stage <= IMembership.Stage.Dating3;
        _recordReceipt(proposalId, account, index, support, binding || dating);

        if (binding) {
            if (support == _FOR) ++t.forVotes;
            else if (support == _AGAINST) ++t.againstVotes;
            else if (support == _ABSTAIN) ++t.abstainVotes;
            else ++t.blockVotes;
            if (t.weighted && support != _BLOCK) _countConstituencyVote(proposalId, constituency, support);
        } else {
            if (support == _FOR) ++t.advisoryFor;
            else if (support == _AGAINST) ++t.advisoryAgainst;
            else if (support == _ABSTAIN) ++t.advisoryAbstain;
            else ++t.advisoryBlock;
        }
        return totalWeight;
    }

    /// @dev Participation quorum: every binding vote counts, whatever its support.
    function _quorumReached(uint256 proposalId) internal view override returns (bool) {
        ProposalTally storage t = _tallies[proposalId];
        uint256 participation = uint256(t.forVotes) + t.againstVotes + t.abstainVotes + t.blockVotes;
        return quorum(proposalSnapshot(proposalId)) <= participation;
    }

    /// @dev Every kind needs For > Against, so that Against never helps a proposal pass (clients that offer only
    /// For, Against and Abstain rely on it); consent adds no binding Block, a bylaw the supermajority. With
    /// constituency weighting, the weighted For must beat the weighted Against, and still no proposal passes when
    /// more binding members voted Against than For.
    function _voteSucceeded(uint256 proposalId) internal view override returns (bool) {
        ProposalTally storage t = _tallies[proposalId];
        if (t.againstVotes > t.forVotes) return false;
        (uint256 againstVotes, uint256 forVotes, ) = weightedVotes(proposalId);
        if (forVotes <= againstVotes) return false;
        if (t.kind == ProposalKind.Consent) return t.blockVotes == 0;
        if (t.kind == ProposalKind.Standard) return true;
        return forVotes * t.supermajorityDenominator >= (forVotes + againstVotes) * t.supermajorityNumerator;
    }

    /// @dev Classifies the proposal and fixes the rules it will be decided by.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        ProposalKind kind = _classify(targets, calldatas, description);
        proposalId = super._propose(targets, values, calldatas, description, proposer);

        uint128 shares = _shares;
        ProposalTally storage t = _tallies[proposalId];
        // Written for every kind, so that the tally slot is never fresh when a voter writes it: that 20k gas is
        // paid once, here, instead of by the first voter.
        t.kind = kind;
        t.weighted = shares != 0;
        t.supermajorityNumerator = _supermajorityNumerator;
        t.supermajorityDenominator = _supermajorityDenominator;
        if (shares != 0) _proposalShares[proposalId] = shares;
        emit ProposalClassified(
            proposalId,
            kind,
            t.supermajorityNumerator,
            t.supermajorityDenominator,
            _unpackShares(shares)
        );
    }

    /// @dev A zero quorum would let a proposal pass with nobody taking part.
    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        if (newQuorumNumerator == 0) revert GovernorInvalidQuorumFraction(newQuorumNumerator, quorumDenominator());
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    function _classify(
        address[] memory targets,
        bytes[] memory calldatas,
        string memory description
    ) internal view returns (ProposalKind) {
        bool consent =
            bytes(description).length >= bytes(CONSENT_PREFIX).length &&
                bytes9(bytes(description)) == bytes9(bytes(CONSENT_PREFIX));
        if (_needsBylaw(targets, calldatas)) {
            if (consent) revert DisCOGovernorConsentBylaw();
            return ProposalKind.Bylaw;
        }
        return consent ? ProposalKind.Consent : ProposalKind.Standard;
    }

    /// @dev Whether any call is a bylaw change: a call to the governor or the timelock, a bylaw function (this DisCO's
    /// override, else the default table), or a membership call that changes who holds a binding vote as the members
    /// stand now.
    function _needsBylaw(address[] memory targets, bytes[] memory calldatas) private view returns (bool) {
        address timelockAddress = timelock();
        address membershipAddress = address(token());
        for (uint256 i = 0; i < targets.length; ++i) {
            address target = targets[i];
            bytes memory data = i < calldatas.length ? calldatas[i] : bytes("");
            bytes4 selector = bytes4(data);
            if (target == address(this) || target == timelockAddress || _isBylawFunction(target, selector)) return true;
            if (target == membershipAddress && _changesBindingVote(selector, data)) return true;
        }
        return false;
    }

    /// @dev Admitting or promoting to Committed; changing the stage of, removing, or moving to another constituency a
    /// member who is Committed now. Reads the first two arguments, which every one of these functions starts with.
    function _changesBindingVote(bytes4 selector, bytes memory data) private view returns (bool) {
        bool admit = selector == IMembership.admit.selector;
        bool changeStage = selector == IMembership.changeStage.selector;
        bool other = selector == IMembership.changeConstituency.selector || selector == IMembership.remove.selector;
        if (!admit && !changeStage && !other) return false;
        // Too short to name a member: the call will revert at execution anyway; a bylaw is the safe answer.
        if (data.length < 68) return true;
        uint256 account;
        uint256 second;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            // Safe: data is at least 68 bytes long (4-byte selector and two 32-byte words), checked above.
            account := mload(add(data, 36))
            second := mload(add(data, 68))
        }
        if ((admit || changeStage) && second == _COMMITTED) return true;
        if (admit) return false;
        // Moving a Committed member is a bylaw even while weighting is off: a move executed just before weighting is
        // switched on would otherwise hand a simple majority the weight it needs to pass bylaws alone.
        return _membership().stageOf(address(uint160(account))) == IMembership.Stage.Committed;
    }

    function _countConstituencyVote(uint256 proposalId, uint8 constituency, uint8 support) private {
        ConstituencyTally storage ct = _constituencyTallies[proposalId][constituency];
        if (support == _FOR) ++ct.forVotes;
        else if (support == _AGAINST) ++ct.againstVotes;
        else ++ct.abstainVotes;
    }

    /// @dev Refuses a second vote first (the more useful answer to someone who voted and has left since), then a
    /// voter with no say, and records the vote.
    function _recordReceipt(uint256 proposalId, address account, uint32 index, uint8 support, bool eligible) private {
        uint256 word = index / _RECEIPTS_PER_WORD;
        uint256 shift = (index % _RECEIPTS_PER_WORD) * _RECEIPT_BITS;
        uint256 receipts = _receipts[proposalId][word];
        if ((receipts >> shift) & 0xF != 0) revert GovernorAlreadyCastVote(account);
        if (!eligible) revert DisCOGovernorNotEligible(account, proposalId);
        _receipts[proposalId][word] = receipts | ((uint256(support) + 1) << shift);
    }

    /// @dev Support + 1 of the member with this index, or 0 when they have not voted (index 0: never a member).
    function _receipt(uint256 proposalId, uint32 index) private view returns (uint256) {
        uint256 shift = (index % _RECEIPTS_PER_WORD) * _RECEIPT_BITS;
        return (_receipts[proposalId][index / _RECEIPTS_PER_WORD] >> shift) & 0xF;
    }

    function _setSupermajority(uint16 numerator, uint16 denominator) private {
        if (denominator == 0 || numerator > denominator || uint256(numerator) * 2 <= denominator) {
            revert DisCOGovernorInvalidSupermajority(numerator, denominator);
        }
        _supermajorityNumerator = numerator;
        _supermajorityDenominator = denominator;
        emit SupermajoritySet(numerator, denominator);
    }

    function _setConstituencyShares(uint16[8] calldata sharesBps) private {
        uint256 sum;
        uint128 packed;
        for (uint256 c = 0; c < sharesBps.length; ++c) {
            sum += sharesBps[c];
            packed |= uint128(uint256(sharesBps[c]) << (16 * c));
        }
        if (sum != 0 && sum != _BPS) revert DisCOGovernorInvalidShares(sum);
        _shares = packed;
        emit ConstituencySharesSet(sharesBps);
    }

    function _setBylawFunction(address target, bytes4 selector, bool isBylaw) private {
        if (target == address(0)) revert DisCOGovernorInvalidBylawTarget(target);
        _bylawOverrides[target][selector] = isBylaw ? BylawOverride.Bylaw : BylawOverride.NotBylaw;
        emit BylawFunctionSet(target, selector, isBylaw);
    }

    /// @dev This DisCO's override when the members set one, the default table's answer otherwise.
    function _isBylawFunction(address target, bytes4 selector) private view returns (bool) {
        BylawOverride answer = _bylawOverrides[target][selector];
        if (answer != BylawOverride.Default) return answer == BylawOverride.Bylaw;
        for (uint256 c = 0; c < _CLONE_ARGS; ++c) {
            if (target != CloneArgs.addressAt(c)) continue;
            // The factory makes each of the five a contract of its own: no other argument can be the target too.
            for (uint256 packed = _defaultBylawSelectors(c); packed != 0; packed >>= 32) {
                if (bytes4(uint32(packed)) == selector) return true;
            }
            return false;
        }
        return false;
    }

    /// @dev The default bylaw table, its only copy: the functions of the clone's `c`-th argument whose calls are
    /// bylaw changes (a supermajority), besides every call to the governor and the timelock. Who holds which role in
    /// each contract, the names of the constituencies, and the rules of the ledger, the treasury, the capital
    /// accounts and the audit; a loss year releases the indivisible reserve and members' capital, so it is a bylaw
    /// too (DESIGN.md's decision table). 25 functions in all; `initialize` emits them, `setBylawFunction` overrides
    /// any for this DisCO. Packed 32 bits a selector from the lowest bits up, up to eight to the word and read until
    /// the first zero (no selector here is zero), so that a lookup on every proposal costs no memory.
    function _defaultBylawSelectors(uint256 c) private pure returns (uint256 packed) {
        packed =
            _packed(IAccessControl.grantRole.selector, 0) |
            _packed(IAccessControl.revokeRole.selector, 1) |
            _packed(IAccessControl.renounceRole.selector, 2);
        if (c == _MEMBERSHIP_ARG) {
            packed |= _packed(IMembership.setConstituencyName.selector, 3);
        } else if (c == _LEDGER_ARG) {
            packed |=
                _packed(IValueLedger.setWeight.selector, 3) |
                _packed(IValueLedger.setCap.selector, 4) |
                _packed(IValueLedger.setApprovalsRequired.selector, 5) |
                _packed(IValueLedger.setMinimumContribution.selector, 6) |
                _packed(IValueLedger.setReviewWindow.selector, 7);
        } else if (c == _TREASURY_ARG) {
            packed |= _packed(ITreasury.setBuckets.selector, 3);
        } else if (c == _CAPITAL_ARG) {
            packed |=
                _packed(ICapitalAccounts.setSettings.selector, 3) |
                _packed(ICapitalAccounts.closeYearAtLoss.selector, 4);
        } else {
            // The last argument: the audit registry.
            packed |= _packed(IAuditRegistry.setWageRatioCap.selector, 3);
        }
    }

    function _packed(bytes4 selector, uint256 position) private pure returns (uint256) {
        return uint256(uint32(selector)) << (32 * position);
    }

    function _membership() private view returns (IMembership) {
        return IMembership(address(token()));
    }

    /// @notice Every DisCO governor's name, NAME: also its EIP-712 domain's. The standard Governor keeps its name in
    /// storage that only the implementation's constructor writes; a clone answers the same constant.
    function name() public pure override returns (string memory) {
        return NAME;
    }

    /// @notice The membership contract, the clone's first argument.
    function token() public view override(GovernorVotes) returns (IERC5805) {
        return IERC5805(CloneArgs.addressAt(_MEMBERSHIP_ARG));
    }

    /// @notice The membership's clock (ERC-6372): timestamps.
    function clock() public view override(Governor, GovernorVotes) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice See `clock`.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(Governor, GovernorVotes) returns (string memory) {
        return "mode=timestamp";
    }

    function _unpackShares(uint128 packed) private pure returns (uint16[8] memory shares) {
        for (uint256 c = 0; c < shares.length; ++c) {
            shares[c] = uint16(packed >> (16 * c));
        }
    }

    // ------------------------------------------------------------------------------------------------ OVERRIDES

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    /// @dev A proposal passed under lighter rules than its calls need now (a member it moves became Committed since
    /// it was made) is refused: no rule of the decision table can be sidestepped by splitting a change into steps.
    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        if (_tallies[proposalId].kind != ProposalKind.Bylaw && _needsBylaw(targets, calldatas)) {
            revert DisCOGovernorNeedsBylaw(proposalId);
        }
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    /// @dev The timelock; this governor itself only while `initialize` names the timelock (see there). Never
    /// otherwise, so that an implementation or a clone without a timelock takes no deposit and runs no governance.
    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        address timelockAddress = super._executor();
        return timelockAddress == address(0) && _isInitializing() ? address(this) : timelockAddress;
    }

    function _validateVoteSig(
        uint256 proposalId,
        uint8 support,
        address voter,
        bytes memory signature
    ) internal override(Governor, GovernorNoncesKeyed) returns (bool) {
        return super._validateVoteSig(proposalId, support, voter, signature);
    }

    function _validateExtendedVoteSig(
        uint256 proposalId,
        uint8 support,
        address voter,
        string memory reason,
        bytes memory params,
        bytes memory signature
    ) internal override(Governor, GovernorNoncesKeyed) returns (bool) {
        return super._validateExtendedVoteSig(proposalId, support, voter, reason, params, signature);
    }

    function _useCheckedNonce(address owner, uint256 nonce) internal override(Nonces, GovernorNoncesKeyed) {
        super._useCheckedNonce(owner, nonce);
    }
}
