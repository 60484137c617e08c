// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";
import {Test} from "../utils/Test.sol";

/// @title MembershipHandler
/// @notice Drives a Membership through random sequences for the invariant tests. It deploys the Membership with
/// itself as admin (the timelock's role in production), keeps an independent model of every actor's record and of
/// the binding totals at each timestamp it saw, and records a violation whenever the contract accepts what it must
/// refuse, refuses what it must accept, or refuses with another error than the one the model expects.
/// @dev Every entry point catches the contract's reverts, so a handler call reverts only on a bug in the handler;
/// the invariant test reads `violations` rather than relying on fail-on-revert.
contract MembershipHandler is Test {
    uint256 public constant ACTOR_COUNT = 10;
    /// @dev Constituencies 0..2 are named; 3 is left unnamed so that admissions to it must fail.
    uint8 public constant NAMED_CONSTITUENCIES = 3;

    Membership public immutable membership;

    struct Model {
        IMembership.Stage stage;
        uint8 constituency;
        address mentor;
    }

    address[] internal _actors;
    mapping(address account => Model) internal _model;

    // ------------------------------------------------------------------------------------------------ GHOSTS

    uint256 public ghostMembers;
    uint256 public ghostBinding;
    uint256[8] internal _ghostBindingBy;

    /// @dev Distinct timestamps at which the model was recorded, ascending; the values at a timestamp are the model
    /// after the last call made at it, which is what the contract's checkpoints must answer for it later.
    uint48[] internal _timepoints;
    mapping(uint48 timepoint => uint256) public totalAt;
    mapping(uint48 timepoint => uint256[8]) internal _bindingByAt;
    mapping(uint48 timepoint => mapping(address account => IMembership.Stage)) internal _stageAt;

    uint256 public calls;
    uint256 public changes;
    uint256 public leaves;
    uint256 public refusals;
    uint256 public violations;
    string public firstViolation;

    constructor() {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            _actors.push(_makeAddr(string.concat("actor", _digit(i))));
        }
        string[] memory names = new string[](NAMED_CONSTITUENCIES);
        names[0] = "Makers";
        names[1] = "Carers";
        names[2] = "Stewards";
        IMembership.Founder[] memory founders = new IMembership.Founder[](4);
        founders[0] = IMembership.Founder(_actors[0], IMembership.Stage.Committed, 0, address(0));
        founders[1] = IMembership.Founder(_actors[1], IMembership.Stage.Committed, 1, address(0));
        founders[2] = IMembership.Founder(_actors[2], IMembership.Stage.Dating1, 2, _actors[0]);
        founders[3] = IMembership.Founder(_actors[3], IMembership.Stage.Casual, 0, address(0));
        membership = DisCOClones.membership("DisCO Membership", "DISCO", address(this), names, founders);
        for (uint256 i = 0; i < founders.length; ++i) {
            _set(founders[i].account, Model(founders[i].stage, founders[i].constituency, founders[i].mentor));
        }
        _record();
    }

    // ------------------------------------------------------------------------------------------------ ADMIN AND MEMBER ACTIONS

    function admit(uint256 actorSeed, uint256 stageSeed, uint256 constituencySeed, uint256 mentorSeed) external {
        ++calls;
        address account = _pick(actorSeed, false);
        uint8 constituency = _constituency(constituencySeed);
        (IMembership.Stage stage, address mentor) = _stageAndMentor(account, stageSeed, mentorSeed);

        bytes memory expected;
        if (_model[account].stage != IMembership.Stage.None) {
            expected = abi.encodeWithSelector(IMembership.MembershipAlreadyMember.selector, account);
        } else if (constituency >= NAMED_CONSTITUENCIES) {
            expected = abi.encodeWithSelector(IMembership.MembershipUnknownConstituency.selector, constituency);
        } else if (!_validMentor(account, stage, mentor)) {
            expected = abi.encodeWithSelector(IMembership.MembershipInvalidMentor.selector, account, mentor);
        }

        try membership.admit(account, stage, constituency, mentor) {
            if (expected.length != 0) return _violation("admit accepted an invalid admission");
            _set(account, Model(stage, constituency, mentor));
            ++changes;
        } catch (bytes memory err) {
            _expectError("admit", err, expected);
        }
        _record();
    }

    function changeStage(uint256 actorSeed, uint256 stageSeed, uint256 mentorSeed) external {
        ++calls;
        address account = _pick(actorSeed, true);
        (IMembership.Stage stage, address mentor) = _stageAndMentor(account, stageSeed, mentorSeed);
        Model memory previous = _model[account];

        bytes memory expected;
        if (previous.stage == IMembership.Stage.None) {
            expected = abi.encodeWithSelector(IMembership.MembershipNotMember.selector, account);
        } else if (stage == previous.stage && mentor == previous.mentor) {
            expected = abi.encodeWithSelector(IMembership.MembershipUnchanged.selector, account);
        } else if (!_validMentor(account, stage, mentor)) {
            expected = abi.encodeWithSelector(IMembership.MembershipInvalidMentor.selector, account, mentor);
        }

        try membership.changeStage(account, stage, mentor) {
            if (expected.length != 0) return _violation("changeStage accepted an invalid change");
            _set(account, Model(stage, previous.constituency, mentor));
            ++changes;
        } catch (bytes memory err) {
            _expectError("changeStage", err, expected);
        }
        _record();
    }

    function changeConstituency(uint256 actorSeed, uint256 constituencySeed) external {
        ++calls;
        address account = _pick(actorSeed, true);
        uint8 constituency = _constituency(constituencySeed);
        Model memory previous = _model[account];

        bytes memory expected;
        if (previous.stage == IMembership.Stage.None) {
            expected = abi.encodeWithSelector(IMembership.MembershipNotMember.selector, account);
        } else if (constituency >= NAMED_CONSTITUENCIES) {
            expected = abi.encodeWithSelector(IMembership.MembershipUnknownConstituency.selector, constituency);
        } else if (constituency == previous.constituency) {
            expected = abi.encodeWithSelector(IMembership.MembershipUnchanged.selector, account);
        }

        try membership.changeConstituency(account, constituency) {
            if (expected.length != 0) return _violation("changeConstituency accepted an invalid change");
            _set(account, Model(previous.stage, constituency, previous.mentor));
            ++changes;
        } catch (bytes memory err) {
            _expectError("changeConstituency", err, expected);
        }
        _record();
    }

    /// @dev Ends a membership, by the admin's removal or by the member leaving (one entry point for both keeps
    /// admissions and departures equally likely). Any member, of any stage, mentor or not, must be able to leave.
    function end(uint256 actorSeed, bool byLeaving) external {
        ++calls;
        address account = _pick(actorSeed, true);
        bytes memory expected =
            _model[account].stage == IMembership.Stage.None
                ? abi.encodeWithSelector(IMembership.MembershipNotMember.selector, account)
                : bytes("");

        bool ok;
        bytes memory err;
        if (byLeaving) {
            vm.prank(account);
            (ok, err) = address(membership).call(abi.encodeCall(IMembership.leave, ()));
        } else {
            (ok, err) = address(membership).call(abi.encodeCall(IMembership.remove, (account, "fuzzed removal")));
        }
        string memory action = byLeaving ? "leave" : "remove";
        if (ok) {
            if (expected.length != 0) return _violation(string.concat(action, " accepted a non-member"));
            _set(account, Model(IMembership.Stage.None, 0, address(0)));
            ++changes;
            if (byLeaving) ++leaves;
        } else {
            _expectError(action, err, expected);
        }
        _record();
    }

    // ------------------------------------------------------------------------------------------------ TIME

    function warp(uint256 secondsSeed) external {
        ++calls;
        vm.warp(block.timestamp + _bound(secondsSeed, 1, 3 days));
        _record();
    }

    // ------------------------------------------------------------------------------------------------ FORBIDDEN ACTIONS

    /// @dev Transfers and approvals of any membership token, by its holder or anyone else, must all fail.
    function attemptTransfer(address caller, uint256 ownerSeed, uint256 toSeed, uint256 methodSeed) external {
        ++calls;
        address owner = _pick(ownerSeed, true);
        uint256 tokenId = uint256(uint160(owner));
        // A zero receiver fails earlier, in ERC721's own check; the unit tests cover it.
        address to = toSeed % 2 == 0 ? _actor(toSeed >> 1) : address(uint160(toSeed >> 1));
        if (to == address(0)) to = _actors[0];
        // The zero address cannot send a transaction; half the attempts come from the holder themself.
        if (caller == address(0) || methodSeed % 2 == 0) caller = owner;
        bool member = _model[owner].stage != IMembership.Stage.None;

        uint256 method = (methodSeed >> 1) % 5;
        bytes memory data;
        bytes memory expected = abi.encodeWithSelector(IMembership.MembershipNonTransferable.selector, tokenId);
        if (method == 0) {
            data = abi.encodeWithSignature("transferFrom(address,address,uint256)", owner, to, tokenId);
        } else if (method == 1) {
            data = abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", owner, to, tokenId);
        } else if (method == 2) {
            data = abi.encodeWithSignature("safeTransferFrom(address,address,uint256,bytes)", owner, to, tokenId, "");
        } else if (method == 3) {
            data = abi.encodeWithSignature("approve(address,uint256)", to, tokenId);
        } else {
            data = abi.encodeWithSignature("setApprovalForAll(address,bool)", to, methodSeed % 3 == 0);
            expected = abi.encodeWithSelector(IMembership.MembershipNonTransferable.selector, 0);
        }
        if (!member && method < 3) {
            expected = abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId);
        }

        vm.prank(caller);
        (bool ok, bytes memory err) = address(membership).call(data);
        if (ok) return _violation("a membership token moved or was approved");
        _expectError("transfer or approval", err, expected);
    }

    /// @dev Every admin function, called by anyone but the admin, must fail with AccessControl's error.
    function attemptAdminCall(address caller, uint256 actorSeed, uint256 functionSeed) external {
        ++calls;
        address account = _actor(actorSeed);
        if (caller == address(this) || caller == address(0)) caller = account;

        uint256 which = functionSeed % 7;
        bytes memory data;
        if (which == 0) {
            data = abi.encodeCall(IMembership.admit, (account, IMembership.Stage.Committed, 0, address(0)));
        } else if (which == 1) {
            data = abi.encodeCall(IMembership.changeStage, (account, IMembership.Stage.Committed, address(0)));
        } else if (which == 2) {
            data = abi.encodeCall(IMembership.changeConstituency, (account, 1));
        } else if (which == 3) {
            data = abi.encodeCall(IMembership.remove, (account, "not yours to remove"));
        } else if (which == 4) {
            data = abi.encodeCall(IMembership.setConstituencyName, (3, "Usurpers"));
        } else if (which == 5) {
            data = abi.encodeCall(IAccessControl.grantRole, (bytes32(0), caller));
        } else {
            data = abi.encodeCall(IAccessControl.revokeRole, (bytes32(0), address(this)));
        }
        bytes memory expected = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector,
            caller,
            bytes32(0)
        );

        vm.prank(caller);
        (bool ok, bytes memory err) = address(membership).call(data);
        if (ok) return _violation("a non-admin changed the membership");
        _expectError("non-admin call", err, expected);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function actorCount() external view returns (uint256) {
        return _actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return _actors[i];
    }

    function modelOf(address account) external view returns (IMembership.Stage, uint8, address) {
        Model memory m = _model[account];
        return (m.stage, m.constituency, m.mentor);
    }

    function ghostBindingBy(uint8 constituency) external view returns (uint256) {
        return _ghostBindingBy[constituency];
    }

    function timepointCount() external view returns (uint256) {
        return _timepoints.length;
    }

    function timepointAt(uint256 i) external view returns (uint48) {
        return _timepoints[i];
    }

    function bindingByAt(uint48 timepoint, uint8 constituency) external view returns (uint256) {
        return _bindingByAt[timepoint][constituency];
    }

    function stageAt(uint48 timepoint, address account) external view returns (IMembership.Stage) {
        return _stageAt[timepoint][account];
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev Three times in four an actor who is (or is not) a member, when there is one; otherwise any actor.
    /// Keeps the membership from draining or filling up, so that every action meets both members and non-members.
    function _pick(uint256 seed, bool member) internal view returns (address) {
        // Hashing spreads the fuzzer's favourite values (0, 1, max, addresses) over the pool.
        seed = uint256(keccak256(abi.encode(seed)));
        if (seed % 4 != 0) {
            for (uint256 i = 0; i < _actors.length; ++i) {
                address candidate = _actor((seed >> 2) + i);
                if ((_model[candidate].stage != IMembership.Stage.None) == member) return candidate;
            }
        }
        return _actor(seed >> 2);
    }

    /// @dev A stage and a mentor for `account`: mostly valid (a Committed mentor other than the account for Dating
    /// stages, none otherwise), and one time in eight deliberately invalid.
    function _stageAndMentor(
        address account,
        uint256 stageSeed,
        uint256 mentorSeed
    ) internal view returns (IMembership.Stage stage, address mentor) {
        stage = IMembership.Stage(1 + (stageSeed % 5));
        if (mentorSeed % 8 == 0) {
            // Invalid: a Dating member mentoring themself, or a mentor for a stage that takes none.
            return (stage, _isDating(stage) ? account : _actor(mentorSeed >> 3));
        }
        if (!_isDating(stage)) return (stage, address(0));
        uint256 start = mentorSeed >> 3;
        for (uint256 i = 0; i < _actors.length; ++i) {
            address candidate = _actor(start + i);
            if (candidate != account && _model[candidate].stage == IMembership.Stage.Committed) {
                return (stage, candidate);
            }
        }
        // Nobody can mentor: make it a Committed member instead.
        return (IMembership.Stage.Committed, address(0));
    }

    /// @dev A named constituency, and one time in eight the unnamed one.
    function _constituency(uint256 seed) internal pure returns (uint8) {
        return seed % 8 == 7 ? NAMED_CONSTITUENCIES : uint8(seed % NAMED_CONSTITUENCIES);
    }

    function _validMentor(address account, IMembership.Stage stage, address mentor) internal view returns (bool) {
        if (!_isDating(stage)) return mentor == address(0);
        return mentor != account && _model[mentor].stage == IMembership.Stage.Committed;
    }

    function _isDating(IMembership.Stage stage) internal pure returns (bool) {
        return
            stage == IMembership.Stage.Dating1 ||
            stage == IMembership.Stage.Dating2 ||
            stage == IMembership.Stage.Dating3;
    }

    function _set(address account, Model memory next) internal {
        Model memory previous = _model[account];
        bool wasMember = previous.stage != IMembership.Stage.None;
        bool isMember = next.stage != IMembership.Stage.None;
        if (isMember && !wasMember) ++ghostMembers;
        if (wasMember && !isMember) --ghostMembers;
        if (previous.stage == IMembership.Stage.Committed) {
            --ghostBinding;
            --_ghostBindingBy[previous.constituency];
        }
        if (next.stage == IMembership.Stage.Committed) {
            ++ghostBinding;
            ++_ghostBindingBy[next.constituency];
        }
        _model[account] = next;
    }

    function _record() internal {
        uint48 now_ = uint48(block.timestamp);
        uint256 n = _timepoints.length;
        if (n == 0 || _timepoints[n - 1] != now_) _timepoints.push(now_);
        totalAt[now_] = ghostBinding;
        _bindingByAt[now_] = _ghostBindingBy;
        for (uint256 i = 0; i < _actors.length; ++i) {
            _stageAt[now_][_actors[i]] = _model[_actors[i]].stage;
        }
    }

    function _expectError(string memory action, bytes memory actual, bytes memory expected) internal {
        if (expected.length == 0) return _violation(string.concat(action, " refused a valid call"));
        if (!_isError(actual, expected)) return _violation(string.concat(action, " failed with an unexpected error"));
        ++refusals;
    }

    function _violation(string memory what) internal {
        if (violations == 0) firstViolation = what;
        ++violations;
    }

    function _digit(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}
