// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {DisCOGovernor} from "../../contracts/governance/DisCOGovernor.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {Test} from "../utils/Test.sol";

/// @title DisCOGovernorHandler
/// @notice Drives a deployed DisCO through random sequences of proposals, votes, membership changes (made by the
/// timelock, as governance would) and time, for the invariant tests. It keeps its own history of every actor's stage
/// and join time, derives from it who may vote on what and how (binding, advisory, or not at all), and records a
/// violation whenever the governor's answer differs from the model's.
/// @dev Every entry point catches the contracts' reverts, so a handler call reverts only on a bug in the handler.
contract DisCOGovernorHandler is Test {
    uint256 public constant MAX_PROPOSALS = 8;
    uint8 internal constant _BLOCK = 3;

    DisCOGovernor public immutable governor;
    Membership public immutable membership;
    TimelockController public immutable timelock;

    /// @dev One entry of an actor's history: from `timepoint` on, `stage`, in a membership that began at `joinedAt`.
    struct Checkpoint {
        uint48 timepoint;
        IMembership.Stage stage;
        uint48 joinedAt;
    }

    struct Tally {
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        uint256 blockVotes;
        uint256 advisoryFor;
        uint256 advisoryAgainst;
        uint256 advisoryAbstain;
        uint256 advisoryBlock;
    }

    address[] internal _actors;
    mapping(address account => Checkpoint[]) internal _history;

    uint256[] internal _proposals;
    mapping(uint256 proposalId => bool) internal _consent;
    mapping(uint256 proposalId => Tally) internal _tallies;
    mapping(uint256 proposalId => mapping(address voter => bool)) internal _voted;

    uint256 public calls;
    uint256 public proposalsMade;
    uint256 public bindingVotes;
    uint256 public advisoryVotes;
    uint256 public refusedVotes;
    uint256 public membershipChanges;
    uint256 public refusals;
    uint256 public violations;
    string public firstViolation;

    constructor(
        DisCOGovernor governor_,
        Membership membership_,
        TimelockController timelock_,
        address[] memory founders,
        IMembership.Stage[] memory founderStages,
        address[] memory newcomers
    ) {
        governor = governor_;
        membership = membership_;
        timelock = timelock_;
        for (uint256 i = 0; i < founders.length; ++i) {
            _actors.push(founders[i]);
            _history[founders[i]].push(Checkpoint(uint48(block.timestamp), founderStages[i], uint48(block.timestamp)));
        }
        for (uint256 i = 0; i < newcomers.length; ++i) _actors.push(newcomers[i]);
    }

    // ------------------------------------------------------------------------------------------------ PROPOSALS

    /// @dev Anyone with a binding vote a second ago may propose (the threshold is one vote).
    function propose(uint256 proposerSeed, bool consent) public returns (uint256 proposalId) {
        ++calls;
        if (_proposals.length >= MAX_PROPOSALS) return 0;
        address proposer;
        for (uint256 i = 0; i < _actors.length; ++i) {
            address candidate = _actor(proposerSeed + i);
            if (_expectedStage(candidate, block.timestamp - 1) == IMembership.Stage.Committed) {
                proposer = candidate;
                break;
            }
        }
        if (proposer == address(0)) return 0;

        address[] memory targets = new address[](1);
        targets[0] = address(membership);
        bytes[] memory calldatas = new bytes[](1);
        // Moving someone who holds no binding vote: an ordinary call, so that consent proposals can be made of it (the
        // campaign votes on proposals and never executes them).
        calldatas[0] = abi.encodeCall(IMembership.changeConstituency, (address(uint160(0xC0FFEE)), 2));
        string memory description = string.concat(
            consent ? "[consent] " : "",
            "fuzzed proposal ",
            Strings.toString(_proposals.length)
        );

        vm.prank(proposer);
        try governor.propose(targets, new uint256[](1), calldatas, description) returns (uint256 id) {
            proposalId = id;
            _proposals.push(id);
            _consent[id] = consent;
            ++proposalsMade;
        } catch {
            _violation("propose refused a member with a binding vote");
        }
    }

    /// @dev One vote on an Active proposal, by an actor or (one time in eight) an outsider, with any support value.
    function vote(uint256 proposalSeed, uint256 voterSeed, uint8 supportSeed, bool withReason) external {
        ++calls;
        uint256 proposalId = _activeProposal(proposalSeed);
        if (proposalId == 0) return;
        address voter = voterSeed % 8 == 0 ? _outsider(voterSeed) : _actor(voterSeed >> 3);
        _vote(proposalId, voter, supportSeed % 5, withReason);
    }

    /// @dev A round of votes on an Active proposal: each actor picked by `voterMask` votes For, Against or Abstain
    /// (or Block, on consent proposals). Repeated rounds meet voters who have already voted.
    function voteRound(uint256 proposalSeed, uint256 voterMask, uint256 supportSeed) external {
        ++calls;
        uint256 proposalId = _activeProposal(proposalSeed);
        if (proposalId == 0) return;
        for (uint256 i = 0; i < _actors.length; ++i) {
            if ((voterMask >> i) & 1 == 0) continue;
            _vote(proposalId, _actors[i], uint8((supportSeed >> (2 * i)) % 4), true);
        }
    }

    /// @dev The first Active proposal from a position picked by `seed` on, or zero when none is Active.
    function _activeProposal(uint256 seed) internal view returns (uint256) {
        uint256 n = _proposals.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 proposalId = _proposals[(seed + i) % n];
            if (governor.state(proposalId) == IGovernor.ProposalState.Active) return proposalId;
        }
        return 0;
    }

    function _vote(uint256 proposalId, address voter, uint8 support, bool withReason) internal {
        string memory reason = withReason ? "it harms the commons" : "";
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        IMembership.Stage stage = _expectedStage(voter, snapshot);
        bool binding = stage == IMembership.Stage.Committed;
        bool advisory = _isDating(stage);

        bytes memory expected;
        if (support == _BLOCK && !withReason) {
            expected = abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorBlockWithoutReason.selector);
        } else if (support > _BLOCK || (support == _BLOCK && !_consent[proposalId])) {
            expected = abi.encodeWithSelector(IGovernor.GovernorInvalidVoteType.selector);
        } else if (_voted[proposalId][voter]) {
            expected = abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, voter);
        } else if (!binding && !advisory) {
            expected = abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorNotEligible.selector, voter, proposalId);
        }

        vm.prank(voter);
        try governor.castVoteWithReason(proposalId, support, reason) returns (uint256 weight) {
            if (expected.length != 0) return _violation("castVote accepted a vote the model refuses");
            if (weight != (binding ? 1 : 0)) return _violation("castVote returned the wrong weight");
            _voted[proposalId][voter] = true;
            _count(_tallies[proposalId], support, binding);
            if (binding) ++bindingVotes;
            else ++advisoryVotes;
        } catch (bytes memory err) {
            ++refusedVotes;
            _expectError("castVote", err, expected);
        }
    }

    // ------------------------------------------------------------------------------------------------ MEMBERSHIP

    /// @dev The timelock admits a non-member; Dating stages get a Committed mentor when there is one.
    function admit(uint256 actorSeed, uint256 stageSeed, uint256 constituencySeed, uint256 mentorSeed) external {
        ++calls;
        address account = _pick(actorSeed, false);
        if (_currentStage(account) != IMembership.Stage.None) return;
        (IMembership.Stage stage, address mentor) = _stageAndMentor(account, stageSeed, mentorSeed);
        uint8 constituency = uint8(constituencySeed % 3);

        vm.prank(address(timelock));
        try membership.admit(account, stage, constituency, mentor) {
            _push(account, stage);
        } catch {
            _violation("the timelock could not admit a member");
        }
    }

    function changeStage(uint256 actorSeed, uint256 stageSeed, uint256 mentorSeed) external {
        ++calls;
        address account = _pick(actorSeed, true);
        IMembership.Stage previous = _currentStage(account);
        if (previous == IMembership.Stage.None) return;
        (IMembership.Stage stage, address mentor) = _stageAndMentor(account, stageSeed, mentorSeed);
        if (stage == previous && mentor == membership.memberOf(account).mentor) return;

        vm.prank(address(timelock));
        try membership.changeStage(account, stage, mentor) {
            _push(account, stage);
        } catch {
            _violation("the timelock could not change a stage");
        }
    }

    /// @dev Ends a membership: the member leaves, or the timelock removes them.
    function end(uint256 actorSeed, bool byLeaving) external {
        ++calls;
        address account = _pick(actorSeed, true);
        if (_currentStage(account) == IMembership.Stage.None) return;

        vm.prank(byLeaving ? account : address(timelock));
        (bool ok, ) = address(membership).call(
            byLeaving
                ? abi.encodeCall(IMembership.leave, ())
                : abi.encodeCall(IMembership.remove, (account, "fuzzed removal"))
        );
        if (!ok) return _violation(byLeaving ? "a member could not leave" : "the timelock could not remove");
        _push(account, IMembership.Stage.None);
    }

    function warp(uint256 secondsSeed) external {
        ++calls;
        vm.warp(block.timestamp + _bound(secondsSeed, 1, 1 days));
    }

    /// @dev Lands exactly on a pending proposal's snapshot, so that membership changes happen at the cut-off itself.
    function warpToSnapshot(uint256 proposalSeed) external {
        ++calls;
        uint256 n = _proposals.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 snapshot = governor.proposalSnapshot(_proposals[(proposalSeed + i) % n]);
            if (snapshot > block.timestamp) return vm.warp(snapshot);
        }
    }

    // ------------------------------------------------------------------------------------------------ FORBIDDEN CALLS

    /// @dev Every governance setter, called by anyone but the timelock, must fail with GovernorOnlyExecutor.
    function attemptGovernanceCall(address caller, uint256 functionSeed) external {
        ++calls;
        if (caller == address(timelock) || caller == address(0)) caller = _actor(functionSeed);
        uint256 which = functionSeed % 9;
        bytes memory data;
        if (which == 0) {
            data = abi.encodeCall(IDisCOGovernor.setSupermajority, (3, 4));
        } else if (which == 1) {
            uint16[8] memory shares = [uint16(5_000), 5_000, 0, 0, 0, 0, 0, 0];
            data = abi.encodeCall(IDisCOGovernor.setConstituencyShares, (shares));
        } else if (which == 2) {
            data = abi.encodeCall(
                IDisCOGovernor.setBylawFunction,
                (address(membership), IMembership.admit.selector, true)
            );
        } else if (which == 3) {
            data = abi.encodeCall(governor.updateQuorumNumerator, (1));
        } else if (which == 4) {
            data = abi.encodeCall(governor.setVotingPeriod, (1));
        } else if (which == 5) {
            data = abi.encodeCall(governor.setVotingDelay, (0));
        } else if (which == 6) {
            data = abi.encodeCall(governor.setProposalThreshold, (0));
        } else if (which == 7) {
            data = abi.encodeCall(governor.updateTimelock, (TimelockController(payable(caller))));
        } else {
            bytes memory admitCaller = abi.encodeCall(
                IMembership.admit,
                (caller, IMembership.Stage.Committed, 0, address(0))
            );
            data = abi.encodeCall(governor.relay, (address(membership), 0, admitCaller));
        }

        vm.prank(caller);
        (bool ok, bytes memory err) = address(governor).call(data);
        if (ok) return _violation("a governance setter obeyed someone other than the timelock");
        _expectError("governance setter", err, abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
    }

    /// @dev Membership's admin functions and the timelock's own, called by anyone but their holders, must fail.
    function attemptAdminCall(address caller, uint256 actorSeed, uint256 functionSeed) external {
        ++calls;
        address account = _actor(actorSeed);
        if (caller == address(timelock) || caller == address(governor) || caller == address(0)) caller = account;
        uint256 which = functionSeed % 7;
        address target = address(membership);
        bytes32 role = bytes32(0);
        bytes memory data;
        if (which == 0) {
            data = abi.encodeCall(IMembership.admit, (caller, IMembership.Stage.Committed, 0, address(0)));
        } else if (which == 1) {
            data = abi.encodeCall(IMembership.changeStage, (account, IMembership.Stage.Committed, address(0)));
        } else if (which == 2) {
            data = abi.encodeCall(IMembership.changeConstituency, (account, 1));
        } else if (which == 3) {
            data = abi.encodeCall(IMembership.remove, (account, "not yours to remove"));
        } else if (which == 4) {
            data = abi.encodeCall(IMembership.setConstituencyName, (1, "usurpers"));
        } else if (which == 5) {
            target = address(timelock);
            role = timelock.PROPOSER_ROLE();
            bytes memory call_ = abi.encodeCall(
                IMembership.admit,
                (caller, IMembership.Stage.Committed, 0, address(0))
            );
            data = abi.encodeCall(
                TimelockController.schedule,
                (address(membership), 0, call_, bytes32(0), bytes32(functionSeed), timelock.getMinDelay())
            );
        } else {
            target = address(timelock);
            role = timelock.EXECUTOR_ROLE();
            bytes memory call_ = abi.encodeCall(IMembership.remove, (account, "coup"));
            data = abi.encodeCall(TimelockController.execute, (address(membership), 0, call_, bytes32(0), bytes32(0)));
        }

        vm.prank(caller);
        (bool ok, bytes memory err) = target.call(data);
        if (ok) return _violation("an admin function obeyed someone other than its holder");
        _expectError(
            "admin call",
            err,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role)
        );
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function actorCount() external view returns (uint256) {
        return _actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return _actors[i];
    }

    function proposalCount() external view returns (uint256) {
        return _proposals.length;
    }

    function proposalAt(uint256 i) external view returns (uint256) {
        return _proposals[i];
    }

    function tallyOf(uint256 proposalId) external view returns (Tally memory) {
        return _tallies[proposalId];
    }

    function hasVotedInModel(uint256 proposalId, address voter) external view returns (bool) {
        return _voted[proposalId][voter];
    }

    /// @notice The model's count of Committed actors at `timepoint`.
    function committedAt(uint256 timepoint) external view returns (uint256 count) {
        for (uint256 i = 0; i < _actors.length; ++i) {
            if (_stageAt(_actors[i], timepoint) == IMembership.Stage.Committed) ++count;
        }
    }

    /// @notice The stage whose vote counts on a proposal with this snapshot: the stage at the snapshot, for someone
    /// who has been a member without interruption since then; None for everyone else.
    function expectedStage(address account, uint256 snapshot) external view returns (IMembership.Stage) {
        return _expectedStage(account, snapshot);
    }

    // ------------------------------------------------------------------------------------------------ MODEL

    function _expectedStage(address account, uint256 snapshot) internal view returns (IMembership.Stage) {
        Checkpoint[] storage history = _history[account];
        uint256 n = history.length;
        if (n == 0) return IMembership.Stage.None;
        Checkpoint memory latest = history[n - 1];
        if (latest.stage == IMembership.Stage.None || latest.joinedAt > snapshot) return IMembership.Stage.None;
        return _stageAt(account, snapshot);
    }

    function _stageAt(address account, uint256 timepoint) internal view returns (IMembership.Stage) {
        Checkpoint[] storage history = _history[account];
        for (uint256 i = history.length; i > 0; --i) {
            if (history[i - 1].timepoint <= timepoint) return history[i - 1].stage;
        }
        return IMembership.Stage.None;
    }

    function _currentStage(address account) internal view returns (IMembership.Stage) {
        uint256 n = _history[account].length;
        return n == 0 ? IMembership.Stage.None : _history[account][n - 1].stage;
    }

    function _push(address account, IMembership.Stage stage) internal {
        Checkpoint[] storage history = _history[account];
        uint48 now_ = uint48(block.timestamp);
        uint256 n = history.length;
        IMembership.Stage previous = n == 0 ? IMembership.Stage.None : history[n - 1].stage;
        uint48 joinedAt;
        if (stage != IMembership.Stage.None) {
            joinedAt = previous == IMembership.Stage.None ? now_ : history[n - 1].joinedAt;
        }
        Checkpoint memory next = Checkpoint(now_, stage, joinedAt);
        if (n > 0 && history[n - 1].timepoint == now_) history[n - 1] = next;
        else history.push(next);
        ++membershipChanges;
    }

    function _count(Tally storage t, uint8 support, bool binding) internal {
        if (binding) {
            if (support == 0) ++t.againstVotes;
            else if (support == 1) ++t.forVotes;
            else if (support == 2) ++t.abstainVotes;
            else ++t.blockVotes;
        } else {
            if (support == 0) ++t.advisoryAgainst;
            else if (support == 1) ++t.advisoryFor;
            else if (support == 2) ++t.advisoryAbstain;
            else ++t.advisoryBlock;
        }
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev An address outside the pool, derived from the seed.
    function _outsider(uint256 seed) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("outsider", seed)))));
    }

    /// @dev Three times in four an actor who is (or is not) a member, when there is one; otherwise any actor.
    function _pick(uint256 seed, bool member) internal view returns (address) {
        seed = uint256(keccak256(abi.encode(seed)));
        if (seed % 4 != 0) {
            for (uint256 i = 0; i < _actors.length; ++i) {
                address candidate = _actor((seed >> 2) + i);
                if ((_currentStage(candidate) != IMembership.Stage.None) == member) return candidate;
            }
        }
        return _actor(seed >> 2);
    }

    function _stageAndMentor(
        address account,
        uint256 stageSeed,
        uint256 mentorSeed
    ) internal view returns (IMembership.Stage stage, address mentor) {
        stage = IMembership.Stage(1 + (stageSeed % 5));
        if (!_isDating(stage)) return (stage, address(0));
        for (uint256 i = 0; i < _actors.length; ++i) {
            address candidate = _actor(mentorSeed + i);
            if (candidate != account && _currentStage(candidate) == IMembership.Stage.Committed) {
                return (stage, candidate);
            }
        }
        return (IMembership.Stage.Committed, address(0));
    }

    function _isDating(IMembership.Stage stage) internal pure returns (bool) {
        return stage >= IMembership.Stage.Dating1 && stage <= IMembership.Stage.Dating3;
    }

    function _expectError(string memory action, bytes memory actual, bytes memory expected) internal {
        if (expected.length == 0) return _violation(string.concat(action, " refused what the model accepts"));
        if (!_isError(actual, expected)) return _violation(string.concat(action, " failed with an unexpected error"));
        ++refusals;
    }

    function _violation(string memory what) internal {
        if (violations == 0) firstViolation = what;
        ++violations;
    }
}
