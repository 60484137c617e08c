// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {AuditRegistry} from "../../contracts/audit/AuditRegistry.sol";
import {DisCOFactory} from "../../contracts/factory/DisCOFactory.sol";
import {DisCOGovernor} from "../../contracts/governance/DisCOGovernor.sol";
import {DisCOTimelock} from "../../contracts/governance/DisCOTimelock.sol";
import {ICapitalAccounts} from "../../contracts/interfaces/ICapitalAccounts.sol";
import {IDisCOFactory} from "../../contracts/interfaces/IDisCOFactory.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {CapitalAccounts} from "../../contracts/treasury/CapitalAccounts.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOFixture} from "../utils/DisCOFixture.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice DisCOFactory: a created DisCO is whole, wired, initialised once and held by its timelock alone; the
/// implementations serve nothing directly; every invalid founding parameter is refused with the factory's error. The
/// fixture's DisCO (DisCOFixture) is the factory's first; the tests below create more.
contract DisCOFactoryTest is DisCOFixture {
    bytes32 internal constant ADMIN_ROLE = bytes32(0);
    bytes32 internal constant TREASURER_ROLE = keccak256("TREASURER_ROLE");
    bytes32 internal constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");
    bytes32 internal constant PROPOSER_ROLE = keccak256("PROPOSER_ROLE");
    bytes32 internal constant CANCELLER_ROLE = keccak256("CANCELLER_ROLE");
    bytes32 internal constant EXECUTOR_ROLE = keccak256("EXECUTOR_ROLE");
    uint256 internal constant MAX_FOUNDERS = 20;

    function setUp() public {
        _deployDisCO();
    }

    // ------------------------------------------------------------------------------------------------ INITIALISED ONCE

    /// @dev Every clone of a created DisCO was initialised in the transaction that made it: a second `initialize`,
    /// by anyone (a front-runner included), reverts, and the DisCO stays the timelock's.
    function testFuzz_initialize_revertsOnEveryCloneOfACreatedDisCO(address caller) public {
        _expectInitializeReverts(disco, caller);
        _assertHeldByTheTimelock(disco);
    }

    /// @dev The implementations lock their initialisers: none can be set up and used directly.
    function testFuzz_initialize_revertsOnEveryImplementation(address caller) public {
        IDisCOFactory.Implementations memory impls = factory.implementations();
        _expectInitializeReverts(
            IDisCOFactory.DisCO({
                membership: impls.membership,
                ledger: impls.ledger,
                treasury: impls.treasury,
                capital: impls.capital,
                audit: impls.audit,
                governor: impls.governor,
                timelock: impls.timelock
            }),
            caller
        );
    }

    // ------------------------------------------------------------------------------------------------ NO ROLE KEPT

    /// @dev Whoever creates a DisCO, with whatever founders (1 to 20, at least one Committed, Dating ones mentored by
    /// a Committed founder listed before them), neither the creator nor the factory keeps a right in it: the timelock
    /// administers every contract and itself, and the governor alone proposes, cancels and executes through it.
    function testFuzz_create_leavesEveryRightWithTheTimelock(uint256 seed, uint8 count, address creator) public {
        IMembership.Founder[] memory founders = _randomFounders(seed, _bound(count, 1, MAX_FOUNDERS));
        vm.prank(creator);
        IDisCOFactory.DisCO memory created = factory.create(_params(founders));
        // The property is about someone outside the DisCO; an address that is one of its own contracts is not that.
        vm.assume(creator != created.timelock && creator != created.governor);

        address[5] memory administered = _administered(created);
        address[2] memory outsiders = [creator, address(factory)];
        TimelockController createdTimelock = TimelockController(payable(created.timelock));
        for (uint256 o = 0; o < outsiders.length; ++o) {
            for (uint256 c = 0; c < administered.length; ++c) {
                IAccessControl accessControl = IAccessControl(administered[c]);
                assertFalse(accessControl.hasRole(ADMIN_ROLE, outsiders[o]), "an outsider administers a contract");
                assertFalse(accessControl.hasRole(TREASURER_ROLE, outsiders[o]), "an outsider is a treasurer");
                assertFalse(accessControl.hasRole(AUDITOR_ROLE, outsiders[o]), "an outsider is an auditor");
            }
            assertFalse(createdTimelock.hasRole(ADMIN_ROLE, outsiders[o]), "an outsider administers the timelock");
            assertFalse(createdTimelock.hasRole(PROPOSER_ROLE, outsiders[o]), "an outsider proposes");
            assertFalse(createdTimelock.hasRole(CANCELLER_ROLE, outsiders[o]), "an outsider cancels");
            assertFalse(createdTimelock.hasRole(EXECUTOR_ROLE, outsiders[o]), "an outsider executes");
        }
        _assertHeldByTheTimelock(created);

        uint256 binding;
        for (uint256 i = 0; i < founders.length; ++i) {
            if (founders[i].stage == IMembership.Stage.Committed) ++binding;
        }
        assertEq(Membership(created.membership).memberCount(), founders.length, "every founder admitted");
        assertEq(Membership(created.membership).bindingMembers(), binding, "the Committed founders vote");
    }

    // ------------------------------------------------------------------------------------------------ ERRORS

    function test_create_revertsForAnEmptyName() public {
        IDisCOFactory.Params memory p = _params(_founders());
        p.name = "";
        vm.expectRevert(abi.encodeWithSelector(IDisCOFactory.FactoryEmptyName.selector));
        factory.create(p);
    }

    /// @dev Founders of any stages but Committed (none at all included): nobody could ever vote.
    function testFuzz_create_revertsWithoutACommittedFounder(uint8 count, uint256 stageSeed) public {
        IMembership.Founder[] memory founders = new IMembership.Founder[](_bound(count, 0, 5));
        for (uint256 i = 0; i < founders.length; ++i) {
            IMembership.Stage stage = IMembership.Stage(1 + ((stageSeed >> (8 * i)) % 4));
            // Without a Committed founder no Dating one could name a mentor: the factory refuses before Membership.
            founders[i] = IMembership.Founder(_founderAt(i), stage, 0, address(0));
        }
        vm.expectRevert(abi.encodeWithSelector(IDisCOFactory.FactoryNoCommittedFounder.selector));
        factory.create(_params(founders));
    }

    function testFuzz_create_revertsForBucketsNotSummingToTheWhole(uint16[3] memory buckets) public {
        uint256 sum = uint256(buckets[0]) + buckets[1] + buckets[2];
        vm.assume(sum != 10_000);
        IDisCOFactory.Params memory p = _params(_founders());
        p.buckets = buckets;
        vm.expectRevert(abi.encodeWithSelector(IDisCOFactory.FactoryInvalidBuckets.selector, sum));
        factory.create(p);
    }

    /// @dev A currency address without code (an account, or nothing yet) holds no ERC-20.
    function testFuzz_create_revertsForACurrencyWithoutCode(address notAContract) public {
        vm.assume(notAContract.code.length == 0);
        IDisCOFactory.Params memory p = _params(_founders());
        p.currency = IERC20(notAContract);
        vm.expectRevert(abi.encodeWithSelector(IDisCOFactory.FactoryCurrencyNotContract.selector, notAContract));
        factory.create(p);
    }

    /// @dev The amounts (the capital contribution) assume the decimals named: any other refuses the currency.
    function testFuzz_create_revertsForOtherDecimals(uint8 decimals) public {
        vm.assume(decimals != currency.decimals());
        IDisCOFactory.Params memory p = _params(_founders());
        p.currencyDecimals = decimals;
        vm.expectRevert(
            abi.encodeWithSelector(IDisCOFactory.FactoryCurrencyDecimals.selector, address(currency), decimals)
        );
        factory.create(p);
    }

    /// @dev A contract without `decimals()` (here the fixture's membership, an ERC-721) is no currency either.
    function test_create_revertsForAContractWithoutDecimals() public {
        IDisCOFactory.Params memory p = _params(_founders());
        p.currency = IERC20(address(membership));
        vm.expectRevert(
            abi.encodeWithSelector(IDisCOFactory.FactoryCurrencyDecimals.selector, address(membership), uint8(6))
        );
        factory.create(p);
    }

    /// @dev Each implementation must have code: a factory over an account would create DisCOs that do nothing.
    function testFuzz_constructor_revertsForAnImplementationWithoutCode(uint8 slot, address missing) public {
        vm.assume(missing.code.length == 0);
        IDisCOFactory.Implementations memory impls = factory.implementations();
        slot %= 8;
        if (slot == 0) impls.membership = missing;
        else if (slot == 1) impls.ledger = missing;
        else if (slot == 2) impls.treasury = missing;
        else if (slot == 3) impls.capital = missing;
        else if (slot == 4) impls.audit = missing;
        else if (slot == 5) impls.governor = missing;
        else if (slot == 6) impls.timelock = missing;
        else impls.federation = missing;
        vm.expectRevert(abi.encodeWithSelector(IDisCOFactory.FactoryInvalidImplementation.selector, missing));
        new DisCOFactory(impls);
    }

    // ------------------------------------------------------------------------------------------------ WIRING

    /// @dev DisCOCreated names the membership, the creator, the name, every contract and the currency, as `create`
    /// returns them; and each contract names the others it works with.
    function testFuzz_create_emitsDisCOCreatedWithEveryAddress(address creator) public {
        IDisCOFactory.Params memory p = _params(_founders());
        p.name = "Guerrilla Translation";
        vm.recordLogs();
        vm.prank(creator);
        IDisCOFactory.DisCO memory created = factory.create(p);

        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(factory)) continue;
            ++found;
            assertTrue(logs[i].topics[0] == IDisCOFactory.DisCOCreated.selector, "the factory's only event");
            assertEq(address(uint160(uint256(logs[i].topics[2]))), creator, "creator topic");
            IDisCOFactory.DisCO memory emitted;
            emitted.membership = address(uint160(uint256(logs[i].topics[1])));
            string memory name;
            IERC20 emittedCurrency;
            (
                name,
                emitted.ledger,
                emitted.treasury,
                emitted.capital,
                emitted.audit,
                emitted.governor,
                emitted.timelock,
                emittedCurrency
            ) = abi.decode(logs[i].data, (string, address, address, address, address, address, address, IERC20));
            assertTrue(keccak256(bytes(name)) == keccak256(bytes(p.name)), "name");
            _assertSameDisCO(emitted, created);
            assertEq(address(emittedCurrency), address(currency), "currency");
        }
        assertEq(found, 1, "one DisCOCreated");

        _assertWired(created);
        assertTrue(keccak256(bytes(Membership(created.membership).name())) == keccak256(bytes(p.name)), "token name");
    }

    /// @dev Each created DisCO is new: none of its contracts is one of another DisCO's.
    function test_create_makesNewContractsEachTime() public {
        IDisCOFactory.DisCO memory second = factory.create(_params(_founders()));
        address[7] memory a = _all(disco);
        address[7] memory b = _all(second);
        for (uint256 i = 0; i < 7; ++i) {
            for (uint256 j = 0; j < 7; ++j) assertTrue(a[i] != b[j], "a contract shared by two DisCOs");
        }
        _assertWired(second);
    }

    // ------------------------------------------------------------------------------------------------ BYLAWS

    /// @dev The governor counts as bylaw changes the 25 functions of its default table, over the contracts the factory
    /// made: the role functions of the five contracts the timelock administers, and every rule-setting function; an
    /// ordinary one stays standard.
    function test_create_answersTheDefaultBylawTable() public view {
        (address[] memory targets, bytes4[] memory selectors) = _defaultBylawTable(disco);
        assertEq(targets.length, DEFAULT_BYLAW_FUNCTIONS, "25 bylaw functions");
        for (uint256 i = 0; i < targets.length; ++i) {
            assertTrue(
                governor.isBylawFunction(targets[i], selectors[i]),
                string.concat("bylaw function ", Strings.toString(i))
            );
        }
        assertFalse(governor.isBylawFunction(disco.membership, IMembership.admit.selector), "admit is standard");
        assertFalse(governor.isBylawFunction(disco.treasury, Treasury.spend.selector), "spend is standard");
        assertFalse(governor.isBylawFunction(disco.ledger, ValueLedger.closePeriod.selector), "closePeriod");
        // A registered selector counts on its own contract only.
        assertFalse(
            governor.isBylawFunction(disco.ledger, Treasury.setBuckets.selector),
            "setBuckets on another contract"
        );
    }

    /// @dev The default table is in the governor's code, yet the creation's logs tell it whole: one
    /// BylawFunctionSet(target, selector, true) from the new governor for each of the 25 functions, and no other.
    function test_create_emitsTheDefaultBylawTable() public {
        vm.recordLogs();
        IDisCOFactory.DisCO memory created = factory.create(_params(_founders()));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        (address[] memory targets, bytes4[] memory selectors) = _defaultBylawTable(created);
        bool[] memory seen = new bool[](targets.length);
        uint256 emitted;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics[0] != IDisCOGovernor.BylawFunctionSet.selector) continue;
            assertEq(logs[i].emitter, created.governor, "emitted by the new governor");
            address target = address(uint160(uint256(logs[i].topics[1])));
            bytes4 selector = bytes4(logs[i].topics[2]);
            assertTrue(abi.decode(logs[i].data, (bool)), "isBylaw");
            uint256 k = 0;
            while (k < targets.length && (targets[k] != target || selectors[k] != selector)) ++k;
            assertGt(targets.length, k, "a function of the default table");
            assertFalse(seen[k], "emitted once");
            seen[k] = true;
            ++emitted;
        }
        assertEq(emitted, DEFAULT_BYLAW_FUNCTIONS, "25 BylawFunctionSet");
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    /// @dev Calls every contract's initialize, as `caller`, with arguments it would take, and expects each to revert
    /// with InvalidInitialization.
    function _expectInitializeReverts(IDisCOFactory.DisCO memory d, address caller) internal {
        bytes memory locked = abi.encodeWithSelector(Initializable.InvalidInitialization.selector);
        address[] memory callers = new address[](1);
        callers[0] = caller;

        vm.expectRevert(locked);
        vm.prank(caller);
        DisCOTimelock(payable(d.timelock)).initialize(1, callers, callers, caller);

        vm.expectRevert(locked);
        vm.prank(caller);
        Membership(d.membership).initialize("M", "M", caller, _constituencies(), _founders());

        vm.expectRevert(locked);
        vm.prank(caller);
        ValueLedger(d.ledger).initialize(caller, callers, DesignDefaults.ledgerSettings());

        vm.expectRevert(locked);
        vm.prank(caller);
        CapitalAccounts(d.capital).initialize(caller, DesignDefaults.capitalSettings());

        vm.expectRevert(locked);
        vm.prank(caller);
        Treasury(d.treasury).initialize(caller, callers, [uint16(7_500), 2_500, 0], ICapitalAccounts(d.capital));

        vm.expectRevert(locked);
        vm.prank(caller);
        AuditRegistry(d.audit).initialize(caller, 600);

        vm.expectRevert(locked);
        vm.prank(caller);
        DisCOGovernor(payable(d.governor)).initialize(
            TimelockController(payable(caller)),
            _params(_founders()).governor
        );
    }

    /// @dev The timelock administers every contract and itself; the governor alone proposes, cancels and executes
    /// (execution is not open to anyone), and its timelock and token are the DisCO's.
    function _assertHeldByTheTimelock(IDisCOFactory.DisCO memory d) internal view {
        address[5] memory administered = _administered(d);
        for (uint256 c = 0; c < administered.length; ++c) {
            assertTrue(IAccessControl(administered[c]).hasRole(ADMIN_ROLE, d.timelock), "the timelock administers");
        }
        TimelockController t = TimelockController(payable(d.timelock));
        assertTrue(t.hasRole(ADMIN_ROLE, d.timelock), "the timelock administers itself");
        assertTrue(t.hasRole(PROPOSER_ROLE, d.governor), "the governor proposes");
        assertTrue(t.hasRole(CANCELLER_ROLE, d.governor), "the governor cancels");
        assertTrue(t.hasRole(EXECUTOR_ROLE, d.governor), "the governor executes");
        assertFalse(t.hasRole(EXECUTOR_ROLE, address(0)), "execution is open to anyone");
        assertEq(t.getMinDelay(), TIMELOCK_DELAY, "timelock delay");
        DisCOGovernor g = DisCOGovernor(payable(d.governor));
        assertEq(g.timelock(), d.timelock, "the governor's timelock");
        assertEq(address(g.token()), d.membership, "the governor's token");
    }

    /// @dev Each contract names the ones it works with, and the governor's settings are those given.
    function _assertWired(IDisCOFactory.DisCO memory d) internal view {
        assertEq(address(ValueLedger(d.ledger).membership()), d.membership, "ledger's membership");
        assertEq(address(Treasury(d.treasury).ledger()), d.ledger, "treasury's ledger");
        assertEq(address(Treasury(d.treasury).currency()), address(currency), "treasury's currency");
        assertEq(address(Treasury(d.treasury).capital()), d.capital, "treasury's capital accounts");
        assertEq(CapitalAccounts(d.capital).treasury(), d.treasury, "capital's treasury");
        assertEq(address(CapitalAccounts(d.capital).ledger()), d.ledger, "capital's ledger");
        assertEq(address(CapitalAccounts(d.capital).currency()), address(currency), "capital's currency");
        assertEq(address(AuditRegistry(d.audit).ledger()), d.ledger, "audit's ledger");
        assertEq(AuditRegistry(d.audit).wageRatioCap(), WAGE_RATIO_CAP_X100, "wage ratio cap");
        DisCOGovernor g = DisCOGovernor(payable(d.governor));
        assertEq(g.timelock(), d.timelock, "the governor's timelock");
        assertEq(address(g.token()), d.membership, "the governor's token");
        assertEq(g.votingDelay(), VOTING_DELAY, "votingDelay");
        assertEq(g.votingPeriod(), VOTING_PERIOD, "votingPeriod");
        assertEq(g.quorumNumerator(), QUORUM_BPS, "quorum");
        (, string memory name, , , address verifyingContract, , ) = g.eip712Domain();
        assertTrue(keccak256(bytes(name)) == keccak256("DisCO Governor"), "the ballots' domain name");
        assertEq(verifyingContract, d.governor, "the ballots' domain is the governor's own");
    }

    function _assertSameDisCO(IDisCOFactory.DisCO memory actual, IDisCOFactory.DisCO memory expected) internal pure {
        address[7] memory a = _all(actual);
        address[7] memory e = _all(expected);
        for (uint256 i = 0; i < 7; ++i) assertEq(a[i], e[i], string.concat("contract ", Strings.toString(i)));
    }

    function _administered(IDisCOFactory.DisCO memory d) internal pure returns (address[5] memory) {
        return [d.membership, d.ledger, d.treasury, d.capital, d.audit];
    }

    function _all(IDisCOFactory.DisCO memory d) internal pure returns (address[7] memory) {
        return [d.membership, d.ledger, d.treasury, d.capital, d.audit, d.governor, d.timelock];
    }

    /// @dev `n` founders of random stages and constituencies, one of them (at a random place) Committed; a Dating
    /// founder is mentored by the first Committed founder before them, and is Casual when there is none yet.
    function _randomFounders(uint256 seed, uint256 n) internal pure returns (IMembership.Founder[] memory founders) {
        founders = new IMembership.Founder[](n);
        uint256 forced = seed % n;
        address mentor;
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            IMembership.Stage stage = i == forced ? IMembership.Stage.Committed : IMembership.Stage(1 + (r % 5));
            bool isDating = stage >= IMembership.Stage.Dating1 && stage <= IMembership.Stage.Dating3;
            if (isDating && mentor == address(0)) (stage, isDating) = (IMembership.Stage.Casual, false);
            founders[i] = IMembership.Founder(
                _founderAt(i),
                stage,
                uint8((r >> 8) % 3),
                isDating ? mentor : address(0)
            );
            if (stage == IMembership.Stage.Committed && mentor == address(0)) mentor = founders[i].account;
        }
    }

    function _founderAt(uint256 i) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("founder", i)))));
    }
}
