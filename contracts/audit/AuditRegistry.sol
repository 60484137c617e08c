// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CloneArgs} from "../utils/CloneArgs.sol";
import {TokenRecovery} from "../utils/TokenRecovery.sol";
import {IAuditRegistry} from "../interfaces/IAuditRegistry.sol";
import {IValueLedger} from "../interfaces/IValueLedger.sol";

/// @title AuditRegistry
/// @notice The DisCO's audit record: auditors (named by the timelock) attest closed periods' books by their report's
/// hash, and the members' wage ratio cap is kept here for the audit to check each paid period against.
/// @dev The cap is not enforced on payouts: DESIGN.md has the auditor's report flag a period that breaks it, so that
/// the members see it and decide, rather than a payout failing.
contract AuditRegistry is IAuditRegistry, TokenRecovery {
    /// @notice The role that records attestations.
    bytes32 public constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");

    uint16 private constant _ONE_TO_ONE = 100;

    uint16 private _wageRatioCap;
    mapping(uint32 period => Attestation[]) private _attestations;

    /// @notice The implementation that clones run: its own initialiser is locked, so it holds no DisCO.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets up a clone, once: the factory calls it in the transaction that creates the clone.
    /// The clone's argument: the ledger whose periods are audited.
    /// @param admin The only holder of DEFAULT_ADMIN_ROLE: the DisCO's timelock, which names the auditors
    /// @param wageRatioCapX100 The founding wage ratio cap, times 100
    function initialize(address admin, uint16 wageRatioCapX100) external initializer {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setWageRatioCap(wageRatioCapX100);
    }

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @inheritdoc IAuditRegistry
    function attest(uint32 period, bytes32 reportHash, string calldata uri) external onlyRole(AUDITOR_ROLE) {
        if (reportHash == bytes32(0)) revert AuditEmptyReport();
        if (!_ledger().isFinal(period)) revert AuditPeriodNotFinal(period, _ledger().periodInfo(period).finalAt);
        address auditor = _msgSender();
        _attestations[period].push(
            Attestation({auditor: auditor, recordedAt: uint48(block.timestamp), reportHash: reportHash, uri: uri})
        );
        emit PeriodAttested(period, auditor, reportHash, uri);
    }

    /// @inheritdoc IAuditRegistry
    function setWageRatioCap(uint16 capX100) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setWageRatioCap(capX100);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc IAuditRegistry
    function ledger() external view returns (IValueLedger) {
        return _ledger();
    }

    /// @inheritdoc IAuditRegistry
    function wageRatioCap() external view returns (uint16) {
        return _wageRatioCap;
    }

    /// @inheritdoc IAuditRegistry
    function attestationCount(uint32 period) external view returns (uint256) {
        return _attestations[period].length;
    }

    /// @inheritdoc IAuditRegistry
    function attestationOf(uint32 period, uint256 index) external view returns (Attestation memory) {
        Attestation[] storage attestations = _attestations[period];
        if (index >= attestations.length) revert AuditUnknownAttestation(period, index);
        return attestations[index];
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    function _setWageRatioCap(uint16 capX100) private {
        if (capX100 < _ONE_TO_ONE) revert AuditInvalidWageRatioCap(capX100);
        _wageRatioCap = capX100;
        emit WageRatioCapSet(capX100);
    }

    /// @dev The ledger whose periods are audited, the clone's argument 0.
    function _ledger() private view returns (IValueLedger) {
        return IValueLedger(CloneArgs.addressAt(0));
    }
}
