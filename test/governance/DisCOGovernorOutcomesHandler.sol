// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {DisCOGovernor} from "../../contracts/governance/DisCOGovernor.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {Test} from "../utils/Test.sol";

/// @title DisCOGovernorOutcomesHandler
/// @notice Drives whole proposals through a deployed DisCO for the outcome invariants: it proposes membership and
/// governance changes of every kind, votes, moves time to each proposal's milestones, queues and executes through the
/// timelock, and lets members leave. The DisCO's membership changes only by executed proposals and by leaving.
/// It predicts each proposal's kind and rules (decision table and classification), keeps its own binding tallies
/// from the votes it cast, and keeps the electorate's history: the binding count after every executed Bylaw proposal
/// and every departure. Any other change of the electorate, or any answer of the governor that differs from the
/// prediction, is a violation.
/// @dev Every entry point catches the contracts' reverts, so a handler call reverts only on a bug in the handler.
contract DisCOGovernorOutcomesHandler is Test {
    uint256 public constant MAX_PROPOSALS = 12;
    /// @dev Proposals not yet decided or not yet executed at once: few enough that most see votes and an end.
    uint256 public constant MAX_IN_FLIGHT = 3;
    /// @dev Departures stop at this many binding members, so that the DisCO can still propose and pass things.
    uint256 internal constant MIN_BINDING = 3;

    enum Action {
        Admit,
        ChangeStage,
        Remove,
        ChangeConstituency,
        SetShares,
        SetSupermajority
    }

    /// @dev One proposal as the handler made it, with the rules it predicted for it and its own binding tally.
    struct Record {
        uint256 id;
        Action action;
        address account;
        IMembership.Stage stage;
        bool on;
        IDisCOGovernor.ProposalKind kind;
        bool weighted;
        uint16 supermajorityNumerator;
        uint16 supermajorityDenominator;
        bytes data;
        string description;
        uint256 voteRounds;
        bool queued;
        bool executed;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        uint256 blockVotes;
    }

    /// @dev The binding count from `timepoint` on.
    struct Electorate {
        uint48 timepoint;
        uint256 binding;
    }

    DisCOGovernor public immutable governor;
    Membership public immutable membership;

    address[] internal _actors;
    Record[] internal _records;
    Electorate[] internal _electorate;

    bool public weightingOn;
    uint16 public supermajorityNumerator;
    uint16 public supermajorityDenominator;

    uint256 public calls;
    uint256 public votesCast;
    uint256 public departures;
    uint256[3] public executedByKind;
    uint256 public refusedNeedsBylaw;
    uint256 public violations;
    string public firstViolation;

    constructor(DisCOGovernor governor_, Membership membership_, address[] memory actors) {
        governor = governor_;
        membership = membership_;
        _actors = actors;
        weightingOn = _sharesOn(governor.constituencyShares());
        (supermajorityNumerator, supermajorityDenominator) = governor.supermajority();
        _electorate.push(Electorate(uint48(block.timestamp), membership.bindingMembers()));
    }

    // ------------------------------------------------------------------------------------------------ PROPOSALS

    /// @dev Proposes one call of a random action on a random actor (a non-member to admit, a member otherwise);
    /// consent when asked, which the governor must refuse for a bylaw change.
    function propose(uint256 actionSeed, uint256 actorSeed, uint256 stageSeed, bool consent) external {
        ++calls;
        Record memory r;
        r.action = Action(actionSeed % 6);
        r.account = _pick(actorSeed, r.action != Action.Admit);
        r.stage = IMembership.Stage(1 + (stageSeed % 5));
        r.on = (stageSeed >> 8) % 2 == 0;
        _propose(r, consent, actorSeed);
    }

    /// @dev The two-step bypass of finding 2: a Standard (or Consent) proposal to demote or remove a member who is
    /// not Committed, and at the same time a Bylaw that promotes them to Committed. Whichever executes second must
    /// respect the rules of the members as they stand then.
    function proposeRace(uint256 actorSeed, bool removeThem, bool consent) external {
        ++calls;
        address account = _pick(actorSeed, true);
        if (membership.stageOf(account) == IMembership.Stage.Committed) return;
        Record memory step;
        step.account = account;
        step.action = removeThem ? Action.Remove : Action.ChangeStage;
        step.stage = IMembership.Stage.Casual;
        _propose(step, consent, actorSeed);
        Record memory promote;
        promote.account = account;
        promote.action = Action.ChangeStage;
        promote.stage = IMembership.Stage.Committed;
        _propose(promote, false, actorSeed >> 8);
    }

    /// @dev A round of votes on every Active proposal by the actors in `voterMask`: For half the time, Against a
    /// quarter, Abstain or (on consent proposals) Block the rest. When none is Active, first moves time to the
    /// earliest snapshot ahead. Refused votes (no say, voted already) are the other campaign's business.
    function vote(uint256 voterMask, uint256 supportSeed) external {
        ++calls;
        if (!_any(IGovernor.ProposalState.Active)) _warpToMilestone(true);
        // Hashed, so that the fuzzer's favourite values (0, all ones) still make a mixed round.
        voterMask = uint256(keccak256(abi.encode(voterMask)));
        for (uint256 i = 0; i < _records.length; ++i) {
            Record storage r = _records[i];
            if (governor.state(r.id) != IGovernor.ProposalState.Active) continue;
            ++r.voteRounds;
            uint256 seed = uint256(keccak256(abi.encode(supportSeed, i)));
            for (uint256 j = 0; j < _actors.length; ++j) {
                if ((voterMask >> j) & 1 == 0) continue;
                _vote(r, _actors[j], _support(seed >> (3 * j), r.kind == IDisCOGovernor.ProposalKind.Consent));
            }
        }
    }

    /// @dev Moves time by up to three days: landing anywhere, between milestones or across several.
    function warp(uint256 secondsSeed) external {
        ++calls;
        vm.warp(block.timestamp + _bound(secondsSeed, 1, 3 days));
    }

    /// @dev Queues every Succeeded proposal, then executes every Queued one whose delay is over, from a position
    /// picked by `seed` on (so that either of two racing proposals may go first). When there is nothing to queue or
    /// execute, first moves time to the earliest deadline or end of delay ahead.
    function settle(uint256 seed) external {
        ++calls;
        if (!_any(IGovernor.ProposalState.Succeeded) && !_anyReady()) _warpToMilestone(false);
        uint256 n = _records.length;
        for (uint256 i = 0; i < n; ++i) {
            Record storage r = _records[i];
            if (governor.state(r.id) != IGovernor.ProposalState.Succeeded) continue;
            (address[] memory targets, bytes[] memory calldatas) = _calls(r);
            try governor.queue(targets, new uint256[](1), calldatas, keccak256(bytes(r.description))) {
                r.queued = true;
            } catch {
                _violation("queue refused a Succeeded proposal");
            }
        }
        for (uint256 k = 0; k < n; ++k) {
            Record storage r = _records[(seed + k) % n];
            if (governor.state(r.id) != IGovernor.ProposalState.Queued) continue;
            if (governor.proposalEta(r.id) > block.timestamp) continue;
            _execute(r);
        }
    }

    /// @dev A member leaves, the one change of the electorate that needs nobody's vote.
    function leave(uint256 actorSeed) external {
        ++calls;
        address account = _actor(actorSeed);
        IMembership.Stage stage = membership.stageOf(account);
        if (stage == IMembership.Stage.None) return;
        bool binding = stage == IMembership.Stage.Committed;
        if (binding && membership.bindingMembers() <= MIN_BINDING) return;
        uint256 before = membership.bindingMembers();
        vm.prank(account);
        try membership.leave() {
            ++departures;
            if (membership.bindingMembers() != before - (binding ? 1 : 0)) _violation("leaving moved the electorate");
            _recordElectorate(membership.bindingMembers());
        } catch {
            _violation("a member could not leave");
        }
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function recordCount() external view returns (uint256) {
        return _records.length;
    }

    function recordAt(uint256 i) external view returns (Record memory) {
        return _records[i];
    }

    function electorateCount() external view returns (uint256) {
        return _electorate.length;
    }

    function electorateAt(uint256 i) external view returns (Electorate memory) {
        return _electorate[i];
    }

    /// @notice The model's binding members at `timepoint` (changes at `timepoint` included, as checkpoints do).
    function bindingAt(uint256 timepoint) external view returns (uint256) {
        for (uint256 i = _electorate.length; i > 0; --i) {
            if (_electorate[i - 1].timepoint <= timepoint) return _electorate[i - 1].binding;
        }
        revert("bindingAt: before the DisCO");
    }

    // ------------------------------------------------------------------------------------------------ STEPS

    function _propose(Record memory r, bool consent, uint256 proposerSeed) internal {
        if (_records.length >= MAX_PROPOSALS || _inFlight() >= MAX_IN_FLIGHT) return;
        address proposer = _proposer(proposerSeed);
        if (proposer == address(0)) return;
        r.data = _calldata(r);
        r.kind = _needsBylaw(r) ? IDisCOGovernor.ProposalKind.Bylaw : IDisCOGovernor.ProposalKind.Standard;
        r.weighted = weightingOn;
        (r.supermajorityNumerator, r.supermajorityDenominator) = (supermajorityNumerator, supermajorityDenominator);
        bool consentBylaw = consent && r.kind == IDisCOGovernor.ProposalKind.Bylaw;
        if (consent && !consentBylaw) r.kind = IDisCOGovernor.ProposalKind.Consent;
        r.description = string.concat(consent ? "[consent] " : "", "outcome ", Strings.toString(_records.length));

        (address[] memory targets, bytes[] memory calldatas) = _calls(r);
        vm.prank(proposer);
        try governor.propose(targets, new uint256[](1), calldatas, r.description) returns (uint256 id) {
            if (consentBylaw) return _violation("a consent proposal carried a bylaw change");
            r.id = id;
            _records.push(r);
            _checkRules(r);
        } catch (bytes memory err) {
            bytes memory expected =
                consentBylaw ? abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorConsentBylaw.selector) : bytes("");
            if (expected.length == 0 || !_isError(err, expected)) _violation("propose refused a valid proposal");
        }
    }

    /// @dev 0-1 Against, 2-5 For, 6 Abstain, 7 Block on consent proposals (For otherwise).
    function _support(uint256 seed, bool consent) internal pure returns (uint8) {
        uint256 x = seed % 8;
        if (x < 2) return 0;
        if (x < 6) return 1;
        if (x == 6) return 2;
        return consent ? 3 : 1;
    }

    function _vote(Record storage r, address voter, uint8 support) internal {
        vm.prank(voter);
        try governor.castVoteWithReason(r.id, support, "fuzzed reason") returns (uint256 weight) {
            ++votesCast;
            if (weight == 0) return;
            if (support == 0) ++r.againstVotes;
            else if (support == 1) ++r.forVotes;
            else if (support == 2) ++r.abstainVotes;
            else ++r.blockVotes;
        } catch {}
    }

    /// @dev A Standard or Consent proposal whose call needs a bylaw by now must be refused with
    /// DisCOGovernorNeedsBylaw; an executed one must leave the electorate as its kind allows: unchanged unless it is
    /// a Bylaw, and then changed exactly as its call says.
    function _execute(Record storage r) internal {
        (address[] memory targets, bytes[] memory calldatas) = _calls(r);
        bool needsBylaw = r.kind != IDisCOGovernor.ProposalKind.Bylaw && _needsBylaw(r);
        uint256 before = membership.bindingMembers();
        int256 delta = _bindingDelta(r);

        try governor.execute(targets, new uint256[](1), calldatas, keccak256(bytes(r.description))) {
            if (needsBylaw) return _violation("a non-bylaw proposal executed a bylaw change");
            r.executed = true;
            ++executedByKind[uint8(r.kind)];
            uint256 afterwards = membership.bindingMembers();
            if (r.kind != IDisCOGovernor.ProposalKind.Bylaw) {
                if (afterwards != before) _violation("a non-bylaw proposal changed the electorate");
                return;
            }
            if (int256(afterwards) != int256(before) + delta) _violation("a bylaw changed the electorate unexpectedly");
            _recordElectorate(afterwards);
            if (r.action == Action.SetShares) weightingOn = r.on;
            if (r.action == Action.SetSupermajority) {
                (supermajorityNumerator, supermajorityDenominator) = _supermajorityOf(r.on);
            }
        } catch (bytes memory err) {
            bool refused = _isError(err, abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorNeedsBylaw.selector, r.id));
            if (refused) ++refusedNeedsBylaw;
            if (refused != needsBylaw) _violation("execute disagreed with the model on DisCOGovernorNeedsBylaw");
            // Otherwise the membership call itself failed (an admitted account, a member who left): it stays Queued.
        }
    }

    // ------------------------------------------------------------------------------------------------ MODEL

    /// @dev The decision table's classification of the call, judged on the members as they stand now.
    function _needsBylaw(Record memory r) internal view returns (bool) {
        if (r.action == Action.SetShares || r.action == Action.SetSupermajority) return true;
        bool committedNow = membership.stageOf(r.account) == IMembership.Stage.Committed;
        bool toCommitted = r.stage == IMembership.Stage.Committed;
        if (r.action == Action.Admit || r.action == Action.ChangeStage) {
            return toCommitted || (r.action == Action.ChangeStage && committedNow);
        }
        // Remove or ChangeConstituency: a bylaw for a Committed member, weighting on or off.
        return committedNow;
    }

    /// @dev How many binding votes the call adds or takes away, if it executes.
    function _bindingDelta(Record memory r) internal view returns (int256) {
        bool committedNow = membership.stageOf(r.account) == IMembership.Stage.Committed;
        bool toCommitted = r.stage == IMembership.Stage.Committed;
        if (r.action == Action.Admit) return toCommitted ? int256(1) : int256(0);
        if (r.action == Action.ChangeStage) {
            if (committedNow == toCommitted) return 0;
            return toCommitted ? int256(1) : -1;
        }
        if (r.action == Action.Remove) return committedNow ? -1 : int256(0);
        return 0;
    }

    /// @dev The kind, weighting and supermajority the governor fixed for a new proposal must be the model's.
    function _checkRules(Record memory r) internal {
        IDisCOGovernor.ProposalTally memory t = governor.proposalTally(r.id);
        if (t.kind != r.kind) return _violation("the governor classified a proposal against the decision table");
        if (t.weighted != r.weighted) return _violation("the proposal's weighting is not the one in force");
        if (t.supermajorityNumerator != r.supermajorityNumerator) return _violation("supermajority numerator");
        if (t.supermajorityDenominator != r.supermajorityDenominator) return _violation("supermajority denominator");
    }

    function _recordElectorate(uint256 binding) internal {
        uint48 now_ = uint48(block.timestamp);
        uint256 n = _electorate.length;
        if (_electorate[n - 1].timepoint == now_) _electorate[n - 1].binding = binding;
        else _electorate.push(Electorate(now_, binding));
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev Proposals Pending, Active, Succeeded or Queued.
    function _inFlight() internal view returns (uint256 n) {
        for (uint256 i = 0; i < _records.length; ++i) {
            IGovernor.ProposalState state = governor.state(_records[i].id);
            if (state != IGovernor.ProposalState.Defeated && state != IGovernor.ProposalState.Executed) ++n;
        }
    }

    function _any(IGovernor.ProposalState state) internal view returns (bool) {
        for (uint256 i = 0; i < _records.length; ++i) {
            if (governor.state(_records[i].id) == state) return true;
        }
        return false;
    }

    /// @dev Whether a Queued proposal's delay is over.
    function _anyReady() internal view returns (bool) {
        for (uint256 i = 0; i < _records.length; ++i) {
            uint256 id = _records[i].id;
            if (governor.state(id) == IGovernor.ProposalState.Queued && governor.proposalEta(id) <= block.timestamp) {
                return true;
            }
        }
        return false;
    }

    /// @dev Warps to the earliest milestone ahead: the second after a snapshot (`opening`), or the second after the
    /// deadline of a proposal that has had a round of votes, or the end of a timelock delay. Stays put when there is
    /// none.
    function _warpToMilestone(bool opening) internal {
        uint256 next = type(uint256).max;
        for (uint256 i = 0; i < _records.length; ++i) {
            Record storage r = _records[i];
            uint256 a = opening ? governor.proposalSnapshot(r.id) + 1 : governor.proposalDeadline(r.id) + 1;
            if (!opening && r.voteRounds == 0) a = 0;
            uint256 b = opening ? 0 : governor.proposalEta(r.id);
            if (a > block.timestamp && a < next) next = a;
            if (b > block.timestamp && b < next) next = b;
        }
        if (next != type(uint256).max) vm.warp(next);
    }

    function _calldata(Record memory r) internal view returns (bytes memory) {
        if (r.action == Action.Admit) {
            address mentor = _isDating(r.stage) ? _committedActor(r.account) : address(0);
            return abi.encodeCall(IMembership.admit, (r.account, r.stage, uint8(uint160(r.account) % 3), mentor));
        }
        if (r.action == Action.ChangeStage) {
            address mentor = _isDating(r.stage) ? _committedActor(r.account) : address(0);
            return abi.encodeCall(IMembership.changeStage, (r.account, r.stage, mentor));
        }
        if (r.action == Action.Remove) return abi.encodeCall(IMembership.remove, (r.account, "fuzzed removal"));
        if (r.action == Action.ChangeConstituency) {
            return abi.encodeCall(IMembership.changeConstituency, (r.account, uint8(r.stage) % 3));
        }
        if (r.action == Action.SetShares) {
            uint16[8] memory shares;
            if (r.on) (shares[0], shares[1], shares[2]) = (2_000, 4_000, 4_000);
            return abi.encodeCall(IDisCOGovernor.setConstituencyShares, (shares));
        }
        (uint16 numerator, uint16 denominator) = _supermajorityOf(r.on);
        return abi.encodeCall(IDisCOGovernor.setSupermajority, (numerator, denominator));
    }

    /// @dev The supermajority a SetSupermajority proposal sets: 3/4 when `raise`, back to 2/3 otherwise.
    function _supermajorityOf(bool raise) internal pure returns (uint16, uint16) {
        return raise ? (3, 4) : (2, 3);
    }

    function _target(Action action) internal view returns (address) {
        return
            action == Action.SetShares || action == Action.SetSupermajority ? address(governor) : address(membership);
    }

    function _calls(Record memory r) internal view returns (address[] memory targets, bytes[] memory calldatas) {
        targets = new address[](1);
        targets[0] = _target(r.action);
        calldatas = new bytes[](1);
        calldatas[0] = r.data;
    }

    /// @dev An actor who had a binding vote a second ago and is still a member (the proposal threshold is one vote).
    function _proposer(uint256 seed) internal view returns (address) {
        for (uint256 k = 0; k < _actors.length; ++k) {
            address candidate = _actor(seed + k);
            (IMembership.Stage stage, , ) = membership.voterStatus(candidate, block.timestamp - 1);
            if (stage == IMembership.Stage.Committed) return candidate;
        }
        return address(0);
    }

    /// @dev A Committed actor other than `account` (a mentor), or the zero address when there is none.
    function _committedActor(address account) internal view returns (address) {
        for (uint256 k = 0; k < _actors.length; ++k) {
            address candidate = _actors[k];
            if (candidate != account && membership.stageOf(candidate) == IMembership.Stage.Committed) return candidate;
        }
        return address(0);
    }

    /// @dev Three times in four an actor who is (or is not) a member, when there is one; otherwise any actor.
    function _pick(uint256 seed, bool member) internal view returns (address) {
        seed = uint256(keccak256(abi.encode(seed)));
        if (seed % 4 != 0) {
            for (uint256 k = 0; k < _actors.length; ++k) {
                address candidate = _actor((seed >> 2) + k);
                if ((membership.stageOf(candidate) != IMembership.Stage.None) == member) return candidate;
            }
        }
        return _actor(seed >> 2);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _isDating(IMembership.Stage stage) internal pure returns (bool) {
        return stage >= IMembership.Stage.Dating1 && stage <= IMembership.Stage.Dating3;
    }

    function _sharesOn(uint16[8] memory shares) internal pure returns (bool) {
        for (uint256 c = 0; c < shares.length; ++c) if (shares[c] != 0) return true;
        return false;
    }

    function _violation(string memory what) internal {
        if (violations == 0) firstViolation = what;
        ++violations;
    }
}
