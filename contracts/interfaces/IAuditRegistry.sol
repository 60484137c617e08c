// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IValueLedger} from "./IValueLedger.sol";

/// @title IAuditRegistry
/// @notice What the DisCO's auditors put on the record: that a closed period's books were audited, with the hash of
/// the report (and where to read it); and the wage ratio cap, the bylaw their report checks each paid period against.
/// @dev Auditors are named by the timelock (AUDITOR_ROLE). An attestation is never changed or removed: a corrected
/// report is a new attestation of the same period, and the events keep every one.
interface IAuditRegistry {
    /// @notice One audit of one period's books.
    /// @param auditor Who recorded it
    /// @param reportHash keccak256 of the report's canonical bytes (the audit command prints it)
    /// @param recordedAt When it was recorded
    /// @param uri Where the report can be read (a URL or an IPFS address; may be empty)
    struct Attestation {
        address auditor;
        uint48 recordedAt;
        bytes32 reportHash;
        string uri;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted when an auditor records that a period's books were audited.
    event PeriodAttested(uint32 indexed period, address indexed auditor, bytes32 reportHash, string uri);

    /// @notice Emitted when the members set the wage ratio cap (at deployment, then by a bylaw vote).
    event WageRatioCapSet(uint16 capX100);

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Only a final period's books can be attested (closed, and its review window over: finalAt).
    error AuditPeriodNotFinal(uint32 period, uint48 finalAt);

    /// @notice An attestation must name its report.
    error AuditEmptyReport();

    /// @notice A wage ratio cap below 1:1 (100) can't be met by anyone.
    error AuditInvalidWageRatioCap(uint16 capX100);

    /// @notice `period` carries fewer attestations than `index + 1`.
    error AuditUnknownAttestation(uint32 period, uint256 index);

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @notice Records that `period`'s books were audited (AUDITOR_ROLE).
    /// @param period A final period of the ledger
    /// @param reportHash keccak256 of the report
    /// @param uri Where the report can be read (may be empty)
    function attest(uint32 period, bytes32 reportHash, string calldata uri) external;

    /// @notice Sets the highest ratio allowed between the best and the worst paid hour of livelihood work in a
    /// period (timelock only: a bylaw).
    /// @param capX100 The ratio times 100: 600 is Mondragon's 6:1, 100 is GT's 1:1
    function setWageRatioCap(uint16 capX100) external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice The role that records attestations.
    /// @return The role id
    function AUDITOR_ROLE() external view returns (bytes32);

    /// @notice The ledger whose periods are audited.
    /// @return The ledger
    function ledger() external view returns (IValueLedger);

    /// @notice The wage ratio cap, times 100.
    /// @return The cap
    function wageRatioCap() external view returns (uint16);

    /// @notice How many attestations `period` carries.
    /// @param period A period
    /// @return The count
    function attestationCount(uint32 period) external view returns (uint256);

    /// @notice One of `period`'s attestations, in the order they were recorded.
    /// @param period A period
    /// @param index From 0 to attestationCount(period) - 1
    /// @return The attestation
    function attestationOf(uint32 period, uint256 index) external view returns (Attestation memory);
}
