// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Federation} from "../../contracts/federation/Federation.sol";
import {IDisCOFactory} from "../../contracts/interfaces/IDisCOFactory.sol";
import {IFederation} from "../../contracts/interfaces/IFederation.sol";
import {Vm} from "../utils/Vm.sol";
import {FederationFixture} from "./FederationFixture.sol";

/// @notice DisCOFactory.createFederation and Federation.initialize: only a factory-made DisCO's timelock founds a
/// federation, which starts with that DisCO as member 1, its charter and voting period checked; nobody else
/// initialises a federation, nor its implementation.
contract FederationFoundingTest is FederationFixture {
    function setUp() public {
        _deployFederation(2);
    }

    // ------------------------------------------------------------------------------------------------ REGISTRY

    /// @dev The factory knows each DisCO it made by its timelock, and nothing else.
    function testFuzz_governorOf_onlyTheFactorysDisCOs(address other) public view {
        for (uint256 i = 0; i < discos.length; ++i) {
            assertEq(factory.governorOf(discos[i].timelock), discos[i].governor, "a DisCO's governor");
            vm.assume(other != discos[i].timelock);
        }
        assertEq(factory.governorOf(other), address(0), "anything else");
    }

    function test_implementations_namesTheFederation() public view {
        IDisCOFactory.Implementations memory impls = factory.implementations();
        assertGt(impls.federation.code.length, 0, "the federation implementation");
        assertTrue(impls.federation != address(federation), "the federation is a clone");
    }

    // ------------------------------------------------------------------------------------------------ FOUNDING

    /// @dev The founder is member 1 (index 1, admission 1) with its contracts resolved; the federation's events
    /// (founding, charter, admission) and the factory's FederationCreated tell it all.
    function test_createFederation_foundsWithTheCallerAsMemberOne() public {
        IDisCOFactory.FederationParams memory p = _federationParams();
        p.name = "Second";
        p.votingPeriod = 1 hours;
        vm.recordLogs();
        vm.prank(_timelock(1));
        Federation second = Federation(factory.createFederation(p));
        Vm.Log[] memory logs = vm.getRecordedLogs();

        bytes[3] memory expected = [
            abi.encode("Second", uint32(1 hours)),
            abi.encode(CHARTER_URI, CHARTER_HASH),
            abi.encode(uint32(1), uint32(1), _timelock(1), discos[1].ledger, discos[1].audit)
        ];
        bytes32[3] memory selectors = [
            IFederation.FederationFounded.selector,
            IFederation.CharterSet.selector,
            IFederation.MemberAdmitted.selector
        ];
        uint256 k;
        uint256 created;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == address(second) && logs[i].topics[0] != Initializable.Initialized.selector) {
                assertTrue(logs[i].topics[0] == selectors[k], "the federation's events in order");
                assertTrue(keccak256(logs[i].data) == keccak256(expected[k]), "their data");
                if (k == 2) {
                    assertEq(address(uint160(uint256(logs[i].topics[1]))), _id(1), "the founder admitted");
                    assertEq(uint256(logs[i].topics[2]), 0, "by no proposal");
                }
                ++k;
            } else if (logs[i].emitter == address(factory)) {
                assertTrue(logs[i].topics[0] == IDisCOFactory.FederationCreated.selector, "FederationCreated");
                assertEq(address(uint160(uint256(logs[i].topics[1]))), address(second), "the federation");
                assertEq(address(uint160(uint256(logs[i].topics[2]))), _id(1), "its founder, by its id");
                assertEq(abi.decode(logs[i].data, (string)), "Second", "its name");
                ++created;
            }
        }
        assertEq(k, 3, "three federation events");
        assertEq(created, 1, "one FederationCreated");

        assertEq(second.factory(), address(factory), "factory");
        assertEq(second.name(), "Second", "name");
        (string memory uri, bytes32 hash) = second.charter();
        assertEq(uri, CHARTER_URI, "charter uri");
        assertEq(hash, CHARTER_HASH, "charter hash");
        assertEq(second.votingPeriod(), 1 hours, "voting period");
        assertEq(second.memberCount(), 1, "one member");
        assertTrue(second.isMember(_id(1)), "the founder");
        assertFalse(second.isMember(_id(0)), "not another DisCO");
        IFederation.Member memory m = second.memberOf(_id(1));
        assertEq(m.timelock, _timelock(1), "timelock");
        assertEq(m.ledger, discos[1].ledger, "ledger");
        assertEq(m.audit, discos[1].audit, "audit");
        assertEq(m.index, 1, "index");
        assertEq(m.admission, 1, "admission");
        assertEq(m.delegate, address(0), "no delegate");
        assertEq(m.treasurerTrustBound, 0, "no bound");
        assertEq(second.proposalCount(), 0, "no proposal");
    }

    /// @dev An account, a contract, or a DisCO's own governor, members or treasurers: none is a DisCO's timelock.
    function testFuzz_createFederation_revertsForANonDisCO(address caller) public {
        vm.assume(factory.governorOf(caller) == address(0));
        vm.expectRevert(abi.encodeWithSelector(IDisCOFactory.FactoryNotDisCO.selector, caller));
        vm.prank(caller);
        factory.createFederation(_federationParams());
    }

    function test_createFederation_revertsForAnEmptyName() public {
        IDisCOFactory.FederationParams memory p = _federationParams();
        p.name = "";
        vm.expectRevert(abi.encodeWithSelector(IDisCOFactory.FactoryEmptyName.selector));
        vm.prank(_timelock(1));
        factory.createFederation(p);
    }

    function test_createFederation_revertsForAnEmptyCharterURI() public {
        IDisCOFactory.FederationParams memory p = _federationParams();
        p.charterURI = "";
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationEmptyCharterURI.selector));
        vm.prank(_timelock(1));
        factory.createFederation(p);
    }

    function test_createFederation_revertsForAZeroCharterHash() public {
        IDisCOFactory.FederationParams memory p = _federationParams();
        p.charterHash = bytes32(0);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationEmptyCharterHash.selector));
        vm.prank(_timelock(1));
        factory.createFederation(p);
    }

    /// @dev Under an hour or over a year a voting period is refused; both bounds are allowed.
    function testFuzz_createFederation_votingPeriodBounds(uint32 votingPeriod) public {
        IDisCOFactory.FederationParams memory p = _federationParams();
        p.votingPeriod = votingPeriod;
        bool valid = votingPeriod >= 1 hours && votingPeriod <= 365 days;
        if (!valid) {
            vm.expectRevert(abi.encodeWithSelector(IFederation.FederationInvalidVotingPeriod.selector, votingPeriod));
        }
        vm.prank(_timelock(1));
        address created = factory.createFederation(p);
        if (valid) assertEq(Federation(created).votingPeriod(), votingPeriod, "voting period");
    }

    function test_createFederation_acceptsTheBounds() public {
        IDisCOFactory.FederationParams memory p = _federationParams();
        uint32[2] memory bounds = [federation.MIN_VOTING_PERIOD(), federation.MAX_VOTING_PERIOD()];
        for (uint256 i = 0; i < 2; ++i) {
            p.votingPeriod = bounds[i];
            vm.prank(_timelock(1));
            assertEq(Federation(factory.createFederation(p)).votingPeriod(), bounds[i], "a bound");
        }
        assertEq(bounds[0], 1 hours, "an hour");
        assertEq(bounds[1], 365 days, "a year");
    }

    // ------------------------------------------------------------------------------------------------ INITIALISED ONCE

    function testFuzz_initialize_revertsOnTheImplementationAndACreatedFederation(address caller) public {
        address[2] memory targets = [factory.implementations().federation, address(federation)];
        for (uint256 i = 0; i < 2; ++i) {
            vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
            vm.prank(caller);
            Federation(targets[i]).initialize("F", CHARTER_URI, CHARTER_HASH, 1 days, _timelock(1));
        }
    }

    /// @dev A clone of the implementation made outside the factory, even naming the factory as its argument, is
    /// initialised by the factory only.
    function testFuzz_initialize_onlyByTheFactory(address caller) public {
        vm.assume(caller != address(factory));
        address clone = Clones.cloneWithImmutableArgs(factory.implementations().federation, abi.encode(factory));
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotFactory.selector, caller));
        vm.prank(caller);
        Federation(clone).initialize("F", CHARTER_URI, CHARTER_HASH, 1 days, _timelock(1));
    }
}
