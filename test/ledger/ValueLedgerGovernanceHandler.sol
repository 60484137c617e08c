// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {Test} from "../utils/Test.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";

/// @notice What the governance side needs of the member-side handler: the open period in its model.
interface ILedgerModel {
    function ghostPeriod() external view returns (uint32);
}

/// @title ValueLedgerGovernanceHandler
/// @notice The timelock's side of the ValueLedger campaign (settings, stage changes, role probes), split from
/// ValueLedgerHandler so that each fits EIP-170. It holds the model of the settings that ValueLedgerHandler reads
/// when it predicts a log (weights, caps, approvals required) or a close (the review window), and the caps each
/// period saw. ValueLedgerHandler deploys it and gives it the admin role of the ledger and the membership.
contract ValueLedgerGovernanceHandler is Test {
    uint256 public constant BPS = 10_000;
    uint8 public constant STREAMS = 3;
    /// @dev Stage changes never leave fewer Committed members than this, so that reviews stay possible.
    uint256 internal constant _MIN_COMMITTED = 2;
    /// @dev The largest non-zero cap the handler sets: below two small entries, so that caps bite.
    uint256 internal constant _LARGEST_CAP = 60_000;

    ValueLedger public immutable ledger;
    Membership public immutable membership;
    ILedgerModel internal immutable _MAIN;
    address[] internal _actors;

    mapping(IMembership.Stage stage => uint16[3]) internal _weights;
    uint64[3] internal _caps;
    uint8 public ghostApprovalsRequired;
    uint48 public ghostReviewWindow;
    /// @dev Caps in force at some moment of a period: whether the stream was ever uncapped, and its largest cap.
    mapping(uint32 period => bool[3]) internal _everUncapped;
    mapping(uint32 period => uint64[3]) internal _largestCap;

    uint256 public calls;
    uint256 public settingsChanges;
    uint256 public stageChanges;
    uint256 public refusals;
    uint256 public violations;
    string public firstViolation;

    constructor(ValueLedger ledger_, Membership membership_, address[] memory actors) {
        (ledger, membership, _MAIN, _actors) = (ledger_, membership_, ILedgerModel(msg.sender), actors);
        IValueLedger.Settings memory s = DesignDefaults.ledgerSettings();
        for (uint256 stage = 0; stage < 5; ++stage) _weights[IMembership.Stage(stage + 1)] = s.weights[stage];
        ghostApprovalsRequired = s.approvalsRequired;
        ghostReviewWindow = s.reviewWindow;
    }

    /// @notice The member-side handler opens a period in the model: its caps start as those in force.
    function startPeriod(uint32 period) external {
        require(msg.sender == address(_MAIN), "only the member-side handler");
        for (uint8 s = 0; s < STREAMS; ++s) {
            _everUncapped[period][s] = _caps[s] == 0;
            _largestCap[period][s] = _caps[s];
        }
    }

    /// @dev The members set the review window of periods closed afterwards; out of bounds now and then.
    function setReviewWindow(uint256 seed) external {
        ++calls;
        uint48 window =
            seed % 8 == 0 ? uint48((seed >> 3) % 60 days) : uint48(1 hours + ((seed >> 3) % (30 days - 1 hours + 1)));
        bytes memory expected =
            window < 1 hours || window > 30 days
                ? abi.encodeWithSelector(IValueLedger.LedgerInvalidReviewWindow.selector, window)
                : bytes("");
        try ledger.setReviewWindow(window) {
            if (expected.length != 0) return _violation("setReviewWindow accepted an invalid window");
            ghostReviewWindow = window;
            ++settingsChanges;
        } catch (bytes memory err) {
            _expectError("setReviewWindow", err, expected);
        }
    }

    function setApprovalsRequired(uint256 seed) external {
        ++calls;
        uint8 value = seed % 8 == 7 ? uint8(17 + ((seed >> 3) % 239)) : uint8((seed >> 3) % 4);
        bytes memory expected =
            value > 16 ? abi.encodeWithSelector(IValueLedger.LedgerInvalidApprovals.selector, value) : bytes("");
        try ledger.setApprovalsRequired(value) {
            if (expected.length != 0) return _violation("setApprovalsRequired accepted an invalid value");
            ghostApprovalsRequired = value;
            ++settingsChanges;
        } catch (bytes memory err) {
            _expectError("setApprovalsRequired", err, expected);
        }
    }

    /// @dev Half the time no cap, otherwise a cap of up to 600 credits; an unknown stream now and then.
    function setCap(uint256 streamSeed, uint256 capSeed) external {
        ++calls;
        uint8 stream = _streamOf(streamSeed);
        uint64 cap = capSeed % 2 == 0 ? 0 : uint64(1 + ((capSeed >> 1) % _LARGEST_CAP));
        bytes memory expected =
            stream >= STREAMS ? abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream) : bytes("");
        try ledger.setCap(stream, cap) {
            if (expected.length != 0) return _violation("setCap accepted an unknown stream");
            _caps[stream] = cap;
            if (cap == 0) _everUncapped[_period()][stream] = true;
            else if (cap > _largestCap[_period()][stream]) _largestCap[_period()][stream] = cap;
            ++settingsChanges;
        } catch (bytes memory err) {
            _expectError("setCap", err, expected);
        }
    }

    /// @dev Any weight for any stage, so that payable amounts round in every way; invalid ones now and then.
    function setWeight(uint256 stageSeed, uint256 streamSeed, uint256 weightSeed) external {
        ++calls;
        IMembership.Stage stage = IMembership.Stage(stageSeed % 6);
        uint8 stream = _streamOf(streamSeed);
        uint16 weight =
            weightSeed % 8 == 0
                ? uint16(BPS + 1 + ((weightSeed >> 3) % (type(uint16).max - BPS)))
                : uint16((weightSeed >> 3) % (BPS + 1));
        bytes memory expected;
        if (stream >= STREAMS) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream);
        } else if (stage == IMembership.Stage.None || weight > BPS) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerInvalidWeight.selector, stage, weight);
        }
        try ledger.setWeight(stage, stream, weight) {
            if (expected.length != 0) return _violation("setWeight accepted an invalid weight");
            _weights[stage][stream] = weight;
            ++settingsChanges;
        } catch (bytes memory err) {
            _expectError("setWeight", err, expected);
        }
    }

    /// @dev Governance moves a member to another stage, admits the outsider or removes someone (never leaving fewer
    /// than two Committed members). Entries keep the weight of the stage they were logged at.
    function changeStage(uint256 actorSeed, uint256 stageSeed, uint256 mentorSeed) external {
        ++calls;
        address account = _actor(actorSeed);
        IMembership.Stage current = membership.stageOf(account);
        IMembership.Stage target =
            stageSeed % 8 == 7 ? IMembership.Stage.None : IMembership.Stage(1 + ((stageSeed >> 3) % 5));
        if (target == current) return;
        if (current == IMembership.Stage.Committed && _committedCount() <= _MIN_COMMITTED) return;
        address mentor;
        if (target >= IMembership.Stage.Dating1 && target <= IMembership.Stage.Dating3) {
            mentor = _committedOtherThan(account, mentorSeed);
            if (mentor == address(0)) return;
        }

        bool ok;
        if (current == IMembership.Stage.None) {
            (ok, ) = address(membership).call(abi.encodeCall(IMembership.admit, (account, target, 0, mentor)));
        } else if (target == IMembership.Stage.None) {
            (ok, ) = address(membership).call(abi.encodeCall(IMembership.remove, (account, "fuzzed removal")));
        } else {
            (ok, ) = address(membership).call(abi.encodeCall(IMembership.changeStage, (account, target, mentor)));
        }
        if (!ok) return _violation("the membership refused a valid stage change");
        ++stageChanges;
    }

    /// @dev Every role-gated function, called by anyone but its holder, must fail with AccessControl's error.
    function attemptRoleCall(address caller, uint256 functionSeed) external {
        ++calls;
        if (caller == address(this) || caller == address(_MAIN) || caller == address(0)) caller = _actor(functionSeed);
        uint256 which = functionSeed % 7;
        bytes32 role = which == 0 ? ledger.TREASURER_ROLE() : bytes32(0);
        bytes memory data;
        if (which == 0) data = abi.encodeCall(IValueLedger.closePeriod, ());
        else if (which == 1) data = abi.encodeCall(IValueLedger.resolveDispute, (1, functionSeed % 12 < 6));
        else if (which == 2) data = abi.encodeCall(IValueLedger.setWeight, (IMembership.Stage.Casual, 0, 10_000));
        else if (which == 3) data = abi.encodeCall(IValueLedger.setCap, (0, 1));
        else if (which == 4) data = abi.encodeCall(IValueLedger.setApprovalsRequired, (0));
        else if (which == 5) data = abi.encodeCall(IValueLedger.setMinimumContribution, (0, 1));
        else data = abi.encodeCall(IValueLedger.setReviewWindow, (1 days));

        vm.prank(caller);
        (bool ok, bytes memory err) = address(ledger).call(data);
        if (ok) return _violation("a role-gated function obeyed someone without the role");
        _expectError(
            "role-gated call",
            err,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role)
        );
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function weightOf(IMembership.Stage stage, uint8 stream) external view returns (uint16) {
        return _weights[stage][stream];
    }

    function capOf(uint8 stream) external view returns (uint64) {
        return _caps[stream];
    }

    /// @notice Whether `stream` was ever uncapped during `period`, and the largest cap it had then.
    function capsDuring(uint32 period, uint8 stream) external view returns (bool everUncapped, uint64 largest) {
        return (_everUncapped[period][stream], _largestCap[period][stream]);
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    function _period() internal view returns (uint32) {
        return _MAIN.ghostPeriod();
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[uint256(keccak256(abi.encode(seed))) % _actors.length];
    }

    /// @dev Livelihood, Love or Care; one time in sixteen an unknown stream (3 to 255).
    function _streamOf(uint256 seed) internal pure returns (uint8) {
        return seed % 16 == 15 ? uint8(3 + ((seed >> 4) % 253)) : uint8(seed % STREAMS);
    }

    function _committedOtherThan(address account, uint256 seed) internal view returns (address) {
        uint256 n = _actors.length;
        for (uint256 i = 0; i < n; ++i) {
            address candidate = _actors[(seed + i) % n];
            if (candidate != account && membership.stageOf(candidate) == IMembership.Stage.Committed) {
                return candidate;
            }
        }
        return address(0);
    }

    function _committedCount() internal view returns (uint256 count) {
        for (uint256 i = 0; i < _actors.length; ++i) {
            if (membership.stageOf(_actors[i]) == IMembership.Stage.Committed) ++count;
        }
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
