// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {AuditRegistry} from "../../contracts/audit/AuditRegistry.sol";
import {IAuditRegistry} from "../../contracts/interfaces/IAuditRegistry.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";
import {TokenRecoveryChecks} from "../treasury/TokenRecoveryChecks.sol";

/// @notice Fuzz tests of AuditRegistry over a real ValueLedger. This test contract is the admin (the timelock's
/// role) of the membership, the ledger and the registry, and the ledger's only treasurer.
contract AuditRegistryTest is TokenRecoveryChecks {
    uint256 internal constant START = 1_750_000_000;
    bytes32 internal constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");

    ValueLedger internal ledger;
    AuditRegistry internal registry;
    address internal auditor;

    function setUp() public {
        vm.warp(START);
        auditor = _makeAddr("auditor");
        IMembership.Founder[] memory founders = new IMembership.Founder[](1);
        founders[0] = IMembership.Founder(_makeAddr("founder"), IMembership.Stage.Committed, 0, address(0));
        string[] memory constituencies = new string[](1);
        constituencies[0] = "worker";
        Membership membership = DisCOClones.membership(
            "DisCO Membership",
            "DISCO",
            address(this),
            constituencies,
            founders
        );
        address[] memory treasurers = new address[](1);
        treasurers[0] = address(this);
        ledger = DisCOClones.ledger(membership, address(this), treasurers, DesignDefaults.ledgerSettings());
        registry = DisCOClones.audit(ledger, address(this), 600);
        registry.grantRole(AUDITOR_ROLE, auditor);
    }

    /// @dev An attestation is recorded exactly when the period is final (closed, and its review window over) and the
    /// report named; a refused one changes nothing. Attestations of one period pile up in order, each readable by its
    /// index. Periods close one a day, so some are final and the last ones still in their window.
    function testFuzz_attest_onlyFinalPeriodsWithAReport(
        uint32 period,
        uint8 closed,
        uint48 waited,
        bytes32 reportHash,
        string calldata uri
    ) public {
        closed = uint8(_bound(closed, 0, 12));
        period = uint32(_bound(period, 0, 20));
        for (uint256 i = 0; i < closed; ++i) {
            vm.warp(START + i * 1 days);
            ledger.closePeriod();
        }
        uint256 now_ = START + uint256(closed) * 1 days + _bound(waited, 0, 2 * DesignDefaults.REVIEW_WINDOW);
        vm.warp(now_);

        // Period p closed at START + (p - 1) days.
        uint48 finalAt =
            period >= 1 && period <= closed ? uint48(START + (period - 1) * 1 days + DesignDefaults.REVIEW_WINDOW) : 0;
        assertEq(ledger.periodInfo(period).finalAt, finalAt, "finalAt = closedAt + review window");
        bool periodFinal = finalAt != 0 && now_ >= finalAt;
        if (reportHash == bytes32(0)) {
            vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditEmptyReport.selector));
        } else if (!periodFinal) {
            vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditPeriodNotFinal.selector, period, finalAt));
        } else {
            vm.expectEmit(true, true, true, true, address(registry));
            emit IAuditRegistry.PeriodAttested(period, auditor, reportHash, uri);
        }
        vm.prank(auditor);
        registry.attest(period, reportHash, uri);

        bool recorded = reportHash != bytes32(0) && periodFinal;
        assertEq(registry.attestationCount(period), recorded ? 1 : 0, "count");
        if (!recorded) return;

        // A second report of the same period (a correction) joins the first; both stay.
        vm.prank(auditor);
        registry.attest(period, ~reportHash, "");
        assertEq(registry.attestationCount(period), 2, "two attestations");
        IAuditRegistry.Attestation memory first = registry.attestationOf(period, 0);
        IAuditRegistry.Attestation memory second = registry.attestationOf(period, 1);
        assertTrue(first.reportHash == reportHash && second.reportHash == ~reportHash, "hashes in order");
        assertEq(first.auditor, auditor, "auditor");
        assertEq(first.recordedAt, now_, "recorded at");
        assertTrue(keccak256(bytes(first.uri)) == keccak256(bytes(uri)), "uri");
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditUnknownAttestation.selector, period, 2));
        registry.attestationOf(period, 2);
    }

    /// @dev Only auditors attest, whatever the period.
    function testFuzz_attest_revertsForNonAuditors(address caller, uint32 period) public {
        vm.assume(caller != auditor);
        ledger.closePeriod();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, AUDITOR_ROLE)
        );
        vm.prank(caller);
        registry.attest(period, keccak256("report"), "");
        assertEq(registry.attestationCount(period), 0, "nothing recorded");
    }

    /// @dev Any cap from 1:1 up is taken, with its event; below 1:1 is refused and the cap stays.
    function testFuzz_setWageRatioCap(uint16 capX100) public {
        if (capX100 < 100) {
            vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditInvalidWageRatioCap.selector, capX100));
        } else {
            vm.expectEmit(true, true, true, true, address(registry));
            emit IAuditRegistry.WageRatioCapSet(capX100);
        }
        registry.setWageRatioCap(capX100);
        assertEq(registry.wageRatioCap(), capX100 < 100 ? 600 : capX100, "cap");
    }

    /// @dev Only the admin (the timelock) sets the cap.
    function testFuzz_setWageRatioCap_revertsForOthers(address caller, uint16 capX100) public {
        vm.assume(caller != address(this));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, bytes32(0))
        );
        vm.prank(caller);
        registry.setWageRatioCap(capX100);
        assertEq(registry.wageRatioCap(), 600, "cap unchanged");
    }

    /// @dev A cap below 1:1 is refused at set-up too.
    function testFuzz_initialize_revertsBelowOneToOne(uint16 capX100) public {
        capX100 = uint16(_bound(capX100, 0, 99));
        AuditRegistry clone = DisCOClones.auditClone(ledger);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditInvalidWageRatioCap.selector, capX100));
        clone.initialize(address(this), capX100);
    }

    /// @dev A period closed a moment ago can't be attested yet, even by an auditor (its entries may still be
    /// disputed), and can the moment its review window ends.
    function test_attest_waitsForTheReviewWindow() public {
        ledger.closePeriod();
        uint48 finalAt = uint48(START + DesignDefaults.REVIEW_WINDOW);
        vm.warp(finalAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditPeriodNotFinal.selector, 1, finalAt));
        vm.prank(auditor);
        registry.attest(1, keccak256("report"), "");
        vm.warp(finalAt);
        vm.prank(auditor);
        registry.attest(1, keccak256("report"), "");
        assertEq(registry.attestationCount(1), 1, "attested once final");
    }

    /// @dev Tokens sent to the registry by mistake: only the admin sends them on, never to the zero address.
    function testFuzz_recoverTokens_onlyTheAdmin(address stranger, address to, uint256 amount) public {
        _checkRecovery(registry, stranger, to, amount);
    }
}
