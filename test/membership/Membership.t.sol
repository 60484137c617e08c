// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ITokenRecovery} from "../../contracts/interfaces/ITokenRecovery.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";
import {Test} from "../utils/Test.sol";
import {MembershipHandler} from "./MembershipHandler.sol";

/// @notice Unit and fuzz tests of Membership, deployed with this test contract as its admin.
contract MembershipTest is Test {
    uint256 internal constant START = 1_750_000_000;
    bytes32 internal constant ADMIN_ROLE = bytes32(0);

    Membership internal membership;
    address internal founderA;
    address internal founderB;

    function setUp() public {
        vm.warp(START);
        founderA = _makeAddr("founderA");
        founderB = _makeAddr("founderB");
        IMembership.Founder[] memory founders = new IMembership.Founder[](2);
        founders[0] = IMembership.Founder(founderA, IMembership.Stage.Committed, 0, address(0));
        founders[1] = IMembership.Founder(founderB, IMembership.Stage.Committed, 1, address(0));
        membership = DisCOClones.membership("DisCO Membership", "DISCO", address(this), _names(), founders);
    }

    // ------------------------------------------------------------------------------------------------ INITIALIZE

    function test_initialize_admitsFoundersAndGrantsAdminRole() public {
        assertTrue(membership.hasRole(ADMIN_ROLE, address(this)), "admin role");
        assertEq(membership.memberCount(), 2, "memberCount");
        assertEq(membership.bindingMembers(), 2, "bindingMembers");
        assertEq(membership.ownerOf(uint160(founderA)), founderA, "ownerOf founderA");
        assertEq(membership.ownerOf(uint160(founderB)), founderB, "ownerOf founderB");
        vm.warp(START + 1);
        assertEq(membership.getPastTotalSupply(START), 2, "past total");
        assertEq(membership.getPastConstituencyVotes(0, START), 1, "constituency 0");
        assertEq(membership.getPastConstituencyVotes(1, START), 1, "constituency 1");
    }

    /// @dev Past lookups give the same answers whether the timepoint is among the latest checkpoints (a short walk
    /// back), further back (OpenZeppelin's search), or before the first checkpoint (zero).
    function testFuzz_getPastTotalSupply_walksBackThenSearches(uint8 admissions) public {
        uint256 n = _bound(admissions, 1, 24);
        for (uint256 i = 1; i <= n; ++i) {
            vm.warp(START + i);
            address newcomer = _makeAddr(string.concat("newcomer", Strings.toString(i)));
            membership.admit(newcomer, IMembership.Stage.Committed, 0, address(0));
        }
        vm.warp(START + n + 1);
        assertEq(membership.getPastTotalSupply(START - 1), 0, "before the founders");
        assertEq(membership.getPastConstituencyVotes(0, START - 1), 0, "constituency 0 before the founders");
        for (uint256 t = 0; t <= n; ++t) {
            assertEq(membership.getPastTotalSupply(START + t), 2 + t, "binding members then");
            assertEq(membership.getPastConstituencyVotes(0, START + t), 1 + t, "constituency 0 then");
        }
    }

    function test_initialize_revertsForZeroAdmin() public {
        Membership clone = DisCOClones.membershipClone();
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipInvalidAccount.selector, address(0)));
        clone.initialize("M", "M", address(0), _names(), new IMembership.Founder[](0));
    }

    /// @dev Without a Committed founder nobody could ever propose: governance would be bricked from the start.
    function testFuzz_initialize_revertsWithoutCommittedFounder(uint8 casualFounders) public {
        IMembership.Founder[] memory founders = new IMembership.Founder[](casualFounders % 5);
        for (uint256 i = 0; i < founders.length; ++i) {
            address account = _makeAddr(string.concat("casual", Strings.toString(i)));
            founders[i] = IMembership.Founder(account, IMembership.Stage.Casual, uint8(i % 3), address(0));
        }
        Membership clone = DisCOClones.membershipClone();
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNoCommittedFounder.selector));
        clone.initialize("M", "M", address(this), _names(), founders);
    }

    // ------------------------------------------------------------------------------------------------ TOKEN RECOVERY

    /// @dev An ERC20 sent to the membership by mistake goes on to whom the members decide (the admin: the timelock).
    function testFuzz_recoverTokens_sendsAMistakenTransferOn(address to, uint256 amount) public {
        vm.assume(to != address(0) && to != address(membership));
        amount = _bound(amount, 1, 10_000e6);
        DemoEuro euro = _mistakenTransfer(amount);

        vm.expectEmit(true, true, false, true, address(membership));
        emit ITokenRecovery.TokensRecovered(euro, to, amount);
        membership.recoverTokens(euro, to, amount);

        assertEq(euro.balanceOf(to), amount, "recipient");
        assertEq(euro.balanceOf(address(membership)), 0, "membership");
    }

    function testFuzz_recoverTokens_revertsForNonAdmin(address caller, address to) public {
        _assumeNotAdmin(caller);
        vm.assume(to != address(0));
        DemoEuro euro = _mistakenTransfer(100e6);
        _expectUnauthorized(caller);
        vm.prank(caller);
        membership.recoverTokens(euro, to, 100e6);
        assertEq(euro.balanceOf(address(membership)), 100e6, "tokens stay");
    }

    function test_recoverTokens_revertsForZeroRecipient() public {
        DemoEuro euro = _mistakenTransfer(100e6);
        vm.expectRevert(abi.encodeWithSelector(ITokenRecovery.RecoveryInvalidRecipient.selector, address(0)));
        membership.recoverTokens(euro, address(0), 100e6);
        assertEq(euro.balanceOf(address(membership)), 100e6, "tokens stay");
    }

    // ------------------------------------------------------------------------------------------------ ADMIT

    function testFuzz_admit_mintsOneLockedTokenAtTheAddress(
        address account,
        uint8 stageSeed,
        uint8 constituencySeed
    ) public {
        _assumeNewcomer(account);
        IMembership.Stage stage = _stage(stageSeed);
        uint8 constituency = uint8(constituencySeed % 3);
        address mentor = _isDating(stage) ? founderA : address(0);
        uint256 binding = stage == IMembership.Stage.Committed ? 1 : 0;

        vm.expectEmit(true, true, true, true, address(membership));
        emit IMembership.MemberAdmitted(account, stage, constituency, mentor);
        membership.admit(account, stage, constituency, mentor);

        uint256 tokenId = membership.tokenIdOf(account);
        assertEq(tokenId, uint256(uint160(account)), "tokenIdOf");
        assertEq(membership.balanceOf(account), 1, "balanceOf");
        assertEq(membership.ownerOf(tokenId), account, "ownerOf");
        assertTrue(membership.locked(tokenId), "locked");
        assertTrue(membership.isMember(account), "isMember");
        assertEq(membership.delegates(account), account, "delegates");
        assertEq(membership.memberCount(), 3, "memberCount");
        assertEq(membership.bindingMembers(), 2 + binding, "bindingMembers");
        assertEq(membership.getVotes(account), binding, "getVotes");
        IMembership.MemberRecord memory record = membership.memberOf(account);
        assertEq(uint8(record.stage), uint8(stage), "record.stage");
        assertEq(record.constituency, constituency, "record.constituency");
        assertEq(record.mentor, mentor, "record.mentor");
        assertEq(record.joinedAt, START, "record.joinedAt");
    }

    function testFuzz_admit_revertsForExistingMember(uint8 stageSeed) public {
        IMembership.Stage stage = _stage(stageSeed);
        address mentor = _isDating(stage) ? founderB : address(0);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipAlreadyMember.selector, founderA));
        membership.admit(founderA, stage, 0, mentor);
        assertEq(membership.balanceOf(founderA), 1, "still one token");
    }

    function test_admit_revertsForZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipInvalidAccount.selector, address(0)));
        membership.admit(address(0), IMembership.Stage.Committed, 0, address(0));
    }

    function testFuzz_admit_revertsForUnknownConstituency(address account, uint8 constituency) public {
        _assumeNewcomer(account);
        constituency = uint8(_bound(constituency, 3, type(uint8).max));
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipUnknownConstituency.selector, constituency));
        membership.admit(account, IMembership.Stage.Committed, constituency, address(0));
    }

    function testFuzz_admit_revertsForDatingWithoutCommittedMentor(
        address account,
        address mentor,
        uint8 datingSeed
    ) public {
        _assumeNewcomer(account);
        vm.assume(mentor != founderA && mentor != founderB);
        IMembership.Stage stage = IMembership.Stage(2 + (datingSeed % 3));
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipInvalidMentor.selector, account, mentor));
        membership.admit(account, stage, 0, mentor);
    }

    function testFuzz_admit_revertsForMentorOfNonDatingStage(address account, address mentor, bool committed) public {
        _assumeNewcomer(account);
        vm.assume(mentor != address(0));
        IMembership.Stage stage = committed ? IMembership.Stage.Committed : IMembership.Stage.Casual;
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipInvalidMentor.selector, account, mentor));
        membership.admit(account, stage, 0, mentor);
    }

    // ------------------------------------------------------------------------------------------------ ADMIN ONLY

    function testFuzz_admit_revertsForNonAdmin(address caller, address account) public {
        _assumeNotAdmin(caller);
        _assumeNewcomer(account);
        _expectUnauthorized(caller);
        vm.prank(caller);
        membership.admit(account, IMembership.Stage.Committed, 0, address(0));
    }

    function testFuzz_changeStage_revertsForNonAdmin(address caller) public {
        _assumeNotAdmin(caller);
        _expectUnauthorized(caller);
        vm.prank(caller);
        membership.changeStage(founderA, IMembership.Stage.Casual, address(0));
    }

    function testFuzz_changeConstituency_revertsForNonAdmin(address caller) public {
        _assumeNotAdmin(caller);
        _expectUnauthorized(caller);
        vm.prank(caller);
        membership.changeConstituency(founderA, 2);
    }

    function testFuzz_remove_revertsForNonAdmin(address caller) public {
        _assumeNotAdmin(caller);
        _expectUnauthorized(caller);
        vm.prank(caller);
        membership.remove(founderA, "coup");
        assertTrue(membership.isMember(founderA), "still a member");
    }

    function testFuzz_setConstituencyName_revertsForNonAdmin(address caller, uint8 constituency) public {
        _assumeNotAdmin(caller);
        _expectUnauthorized(caller);
        vm.prank(caller);
        membership.setConstituencyName(constituency, "Usurpers");
    }

    function testFuzz_grantRole_revertsForNonAdmin(address caller) public {
        _assumeNotAdmin(caller);
        _expectUnauthorized(caller);
        vm.prank(caller);
        membership.grantRole(ADMIN_ROLE, caller);
        assertFalse(membership.hasRole(ADMIN_ROLE, caller), "caller became admin");
    }

    // ------------------------------------------------------------------------------------------------ NON-TRANSFERABLE

    function testFuzz_transferFrom_revertsForAnyCaller(address caller, address to) public {
        vm.assume(caller != address(0) && to != address(0));
        uint256 tokenId = uint256(uint160(founderA));
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNonTransferable.selector, tokenId));
        vm.prank(caller);
        membership.transferFrom(founderA, to, tokenId);
        _assertSoleHolder(founderA);
    }

    function testFuzz_safeTransferFrom_revertsForAnyCaller(address caller, address to, bytes memory data) public {
        vm.assume(caller != address(0) && to != address(0));
        uint256 tokenId = uint256(uint160(founderA));
        bytes memory expected = abi.encodeWithSelector(IMembership.MembershipNonTransferable.selector, tokenId);
        vm.expectRevert(expected);
        vm.prank(caller);
        membership.safeTransferFrom(founderA, to, tokenId);
        vm.expectRevert(expected);
        vm.prank(caller);
        membership.safeTransferFrom(founderA, to, tokenId, data);
        _assertSoleHolder(founderA);
    }

    /// @dev Whatever the arguments (zero receiver, wrong sender, a token that does not exist), nothing moves or mints.
    function testFuzz_transferFrom_alwaysReverts(address caller, address from, address to, uint256 tokenId) public {
        vm.assume(caller != address(0));
        if (tokenId % 2 == 0) tokenId = uint256(uint160(tokenId % 4 == 0 ? founderA : founderB));
        vm.expectRevert();
        vm.prank(caller);
        membership.transferFrom(from, to, tokenId);
        assertEq(membership.memberCount(), 2, "memberCount");
        _assertSoleHolder(founderA);
        _assertSoleHolder(founderB);
    }

    function test_transferFrom_revertsForZeroReceiverWithERC721Error() public {
        uint256 tokenId = uint256(uint160(founderA));
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        vm.prank(founderA);
        membership.transferFrom(founderA, address(0), tokenId);
        _assertSoleHolder(founderA);
    }

    function testFuzz_approve_revertsForAnyCaller(address caller, address spender, uint256 tokenId) public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNonTransferable.selector, tokenId));
        vm.prank(caller);
        membership.approve(spender, tokenId);
    }

    function testFuzz_setApprovalForAll_revertsForAnyCaller(address caller, address operator, bool approved) public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNonTransferable.selector, 0));
        vm.prank(caller);
        membership.setApprovalForAll(operator, approved);
        assertFalse(membership.isApprovedForAll(caller, operator), "operator approved");
    }

    function testFuzz_delegate_reverts(address caller, address delegatee) public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipDelegationDisabled.selector));
        vm.prank(caller);
        membership.delegate(delegatee);
        assertEq(membership.delegates(founderA), founderA, "members delegate to themselves");
    }

    // ------------------------------------------------------------------------------------------------ LEAVE, REMOVE

    function testFuzz_leave_endsAnyMembership(address account, uint8 stageSeed, uint8 constituencySeed) public {
        _assumeNewcomer(account);
        IMembership.Stage stage = _stage(stageSeed);
        uint8 constituency = uint8(constituencySeed % 3);
        membership.admit(account, stage, constituency, _isDating(stage) ? founderA : address(0));
        uint256 binding = stage == IMembership.Stage.Committed ? 1 : 0;
        vm.warp(START + 10);

        vm.expectEmit(true, false, false, true, address(membership));
        emit IMembership.MemberLeft(account);
        vm.prank(account);
        membership.leave();

        uint256 tokenId = uint256(uint160(account));
        assertEq(membership.balanceOf(account), 0, "balanceOf");
        assertFalse(membership.isMember(account), "isMember");
        assertEq(membership.memberCount(), 2, "memberCount");
        assertEq(membership.bindingMembers(), 2, "bindingMembers");
        assertEq(uint8(membership.memberOf(account).stage), uint8(IMembership.Stage.None), "stage");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId));
        membership.ownerOf(tokenId);

        vm.warp(START + 11);
        assertEq(membership.getPastTotalSupply(START), 2 + binding, "past total keeps the leaver");
        assertEq(
            membership.getPastConstituencyVotes(constituency, START + 9),
            (constituency < 2 ? 1 : 0) + binding,
            "past constituency"
        );
        assertEq(membership.getPastTotalSupply(START + 10), 2, "total after leaving");
        assertEq(uint8(membership.pastMemberOf(account, START).stage), uint8(stage), "past stage");
    }

    /// @dev Leaving needs no one's consent, not even when the member mentors others.
    function test_leave_worksForAMentor() public {
        address mentee = _makeAddr("mentee");
        membership.admit(mentee, IMembership.Stage.Dating2, 0, founderA);
        vm.prank(founderA);
        membership.leave();
        assertFalse(membership.isMember(founderA), "mentor left");
        assertEq(membership.bindingMembers(), 1, "bindingMembers");
    }

    function testFuzz_leave_revertsForNonMember(address caller) public {
        _assumeNewcomer(caller);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, caller));
        vm.prank(caller);
        membership.leave();
    }

    function testFuzz_remove_endsMembership(bool second) public {
        address account = second ? founderB : founderA;
        vm.expectEmit(true, false, false, true, address(membership));
        emit IMembership.MemberRemoved(account, "inactive");
        membership.remove(account, "inactive");
        assertEq(membership.balanceOf(account), 0, "balanceOf");
        assertEq(membership.memberCount(), 1, "memberCount");
        assertEq(membership.bindingMembers(), 1, "bindingMembers");
    }

    // ------------------------------------------------------------------------------------------------ CHANGES

    function testFuzz_changeStage_movesBindingUnits(address account, uint8 fromSeed, uint8 toSeed) public {
        _assumeNewcomer(account);
        IMembership.Stage from = _stage(fromSeed);
        IMembership.Stage to = _stage(toSeed);
        vm.assume(from != to);
        membership.admit(account, from, 2, _isDating(from) ? founderA : address(0));
        vm.warp(START + 1);
        membership.changeStage(account, to, _isDating(to) ? founderB : address(0));
        vm.warp(START + 2);

        uint256 before = from == IMembership.Stage.Committed ? 1 : 0;
        uint256 afterwards = to == IMembership.Stage.Committed ? 1 : 0;
        assertEq(membership.bindingMembers(), 2 + afterwards, "bindingMembers");
        assertEq(membership.getPastTotalSupply(START), 2 + before, "past total before");
        assertEq(membership.getPastTotalSupply(START + 1), 2 + afterwards, "past total after");
        assertEq(membership.getPastConstituencyVotes(2, START), before, "constituency before");
        assertEq(membership.getPastConstituencyVotes(2, START + 1), afterwards, "constituency after");
        assertEq(membership.memberOf(account).joinedAt, START, "joinedAt kept");
    }

    function testFuzz_changeStage_revertsWhenUnchanged(bool second) public {
        address account = second ? founderB : founderA;
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipUnchanged.selector, account));
        membership.changeStage(account, IMembership.Stage.Committed, address(0));
    }

    function testFuzz_changeConstituency_movesConstituencyVotes(uint8 constituencySeed) public {
        uint8 constituency = uint8(1 + (constituencySeed % 2));
        membership.changeConstituency(founderA, constituency);
        vm.warp(START + 1);
        assertEq(membership.getPastConstituencyVotes(0, START), 0, "left constituency 0");
        assertEq(membership.getPastConstituencyVotes(constituency, START), constituency == 1 ? 2 : 1, "joined");
        assertEq(membership.getPastTotalSupply(START), 2, "total unchanged");
    }

    // ------------------------------------------------------------------------------------------------ LOOKUPS

    function testFuzz_getPastTotalSupply_revertsForPresentOrFuture(uint256 timepoint) public {
        timepoint = _bound(timepoint, START, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipFutureLookup.selector, timepoint, uint48(START)));
        membership.getPastTotalSupply(timepoint);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipFutureLookup.selector, timepoint, uint48(START)));
        membership.getPastConstituencyVotes(0, timepoint);
    }

    /// @dev A member who left and came back counts from their new admission only.
    function testFuzz_voterStatus_ignoresEarlierMembershipAfterRejoining(uint32 gap) public {
        uint256 rejoinAt = START + 1 + _bound(gap, 1, 365 days);
        vm.warp(START + 1);
        vm.prank(founderA);
        membership.leave();
        vm.warp(rejoinAt);
        membership.admit(founderA, IMembership.Stage.Committed, 0, address(0));
        vm.warp(rejoinAt + 1);
        (IMembership.Stage then, , ) = membership.voterStatus(founderA, START);
        (IMembership.Stage now_, , ) = membership.voterStatus(founderA, rejoinAt);
        assertEq(uint8(then), uint8(IMembership.Stage.None), "status before rejoining");
        assertEq(uint8(now_), uint8(IMembership.Stage.Committed), "status after rejoining");
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _mistakenTransfer(uint256 amount) internal returns (DemoEuro euro) {
        euro = new DemoEuro();
        euro.faucet(amount);
        euro.transfer(address(membership), amount);
    }

    function _names() internal pure returns (string[] memory names) {
        names = new string[](3);
        names[0] = "Makers";
        names[1] = "Carers";
        names[2] = "Stewards";
    }

    function _stage(uint8 seed) internal pure returns (IMembership.Stage) {
        return IMembership.Stage(1 + (seed % 5));
    }

    function _isDating(IMembership.Stage stage) internal pure returns (bool) {
        return stage >= IMembership.Stage.Dating1 && stage <= IMembership.Stage.Dating3;
    }

    function _assumeNewcomer(address account) internal view {
        vm.assume(account != address(0) && account != founderA && account != founderB);
    }

    function _assumeNotAdmin(address caller) internal view {
        vm.assume(caller != address(this));
    }

    function _expectUnauthorized(address caller) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, ADMIN_ROLE)
        );
    }

    function _assertSoleHolder(address member) internal view {
        assertEq(membership.balanceOf(member), 1, "balanceOf");
        assertEq(membership.ownerOf(uint256(uint160(member))), member, "ownerOf");
    }
}

/// @notice Invariants of Membership under random admin and member actions, checked against MembershipHandler's
/// model: one soulbound token per member, member and binding counts, and the checkpointed history.
contract MembershipInvariantTest is Test {
    MembershipHandler internal handler;
    Membership internal membership;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new MembershipHandler();
        membership = handler.membership();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_oneTokenPerAddress() public view {
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address account = handler.actorAt(i);
            uint256 tokenId = membership.tokenIdOf(account);
            assertEq(tokenId, uint256(uint160(account)), "tokenIdOf");
            uint256 balance = membership.balanceOf(account);
            assertLe(balance, 1, "balanceOf");
            (IMembership.Stage stage, , ) = handler.modelOf(account);
            bool member = stage != IMembership.Stage.None;
            assertEq(balance, member ? 1 : 0, "balanceOf against the model");
            assertTrue(membership.isMember(account) == member, "isMember against the model");
            if (member) {
                assertEq(membership.ownerOf(tokenId), account, "ownerOf");
            } else {
                try membership.ownerOf(tokenId) returns (address owner) {
                    revert(string.concat("a non-member's token exists, held by ", Strings.toHexString(owner)));
                } catch {}
            }
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_memberCountMatchesMembers() public view {
        uint256 members;
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            if (membership.isMember(handler.actorAt(i))) ++members;
        }
        assertEq(membership.memberCount(), members, "memberCount against isMember");
        assertEq(membership.memberCount(), handler.ghostMembers(), "memberCount against the model");
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_bindingMembersMatchesCommitted() public view {
        uint256 committed;
        uint256 votes;
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address account = handler.actorAt(i);
            if (membership.memberOf(account).stage == IMembership.Stage.Committed) ++committed;
            votes += membership.getVotes(account);
        }
        assertEq(membership.bindingMembers(), committed, "bindingMembers against memberOf");
        assertEq(membership.bindingMembers(), votes, "bindingMembers against getVotes");
        assertEq(membership.bindingMembers(), handler.ghostBinding(), "bindingMembers against the model");
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_recordsMatchModel() public view {
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address account = handler.actorAt(i);
            (IMembership.Stage stage, uint8 constituency, address mentor) = handler.modelOf(account);
            IMembership.MemberRecord memory record = membership.memberOf(account);
            assertEq(uint8(record.stage), uint8(stage), "stage");
            assertEq(record.constituency, constituency, "constituency");
            assertEq(record.mentor, mentor, "mentor");
        }
    }

    /// @dev Checks each recorded timestamp and the second after it (if it is in a gap before the next one).
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_pastTotalsMatchGhostCounts() public view {
        uint256 n = handler.timepointCount();
        for (uint256 i = 0; i < n; ++i) {
            uint48 t = handler.timepointAt(i);
            uint48 next = i + 1 < n ? handler.timepointAt(i + 1) : uint48(block.timestamp);
            _assertPastTotals(t, t);
            if (t + 1 < next) _assertPastTotals(t + 1, t);
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_pastRecordsMatchGhostStages() public view {
        uint256 n = handler.timepointCount();
        for (uint256 i = 0; i < n; ++i) {
            uint48 t = handler.timepointAt(i);
            if (t >= block.timestamp) continue;
            for (uint256 j = 0; j < handler.actorCount(); ++j) {
                address account = handler.actorAt(j);
                IMembership.Stage stage = handler.stageAt(t, account);
                assertEq(uint8(membership.pastMemberOf(account, t).stage), uint8(stage), "pastMemberOf");
                uint256 units = stage == IMembership.Stage.Committed ? 1 : 0;
                assertEq(membership.getPastVotes(account, t), units, "getPastVotes");
            }
        }
    }

    /// @dev Transfers, approvals and non-admin calls were all refused with the right error; admin calls and leave()
    /// succeeded exactly when the model says they should.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @dev Proves the campaign ran: the handler was called and changed the membership.
    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "handler never called");
        assertGt(handler.changes(), 0, "no membership change in this run");
    }

    function _assertPastTotals(uint48 timepoint, uint48 recorded) internal view {
        if (timepoint >= block.timestamp) return;
        uint256 total = membership.getPastTotalSupply(timepoint);
        assertEq(total, handler.totalAt(recorded), "getPastTotalSupply");
        uint256 sum;
        for (uint8 c = 0; c < membership.MAX_CONSTITUENCIES(); ++c) {
            uint256 votes = membership.getPastConstituencyVotes(c, timepoint);
            assertEq(votes, handler.bindingByAt(recorded, c), "getPastConstituencyVotes");
            sum += votes;
        }
        assertEq(sum, total, "constituencies sum to the total");
    }
}
