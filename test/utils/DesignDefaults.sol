// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICapitalAccounts} from "../../contracts/interfaces/ICapitalAccounts.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";

/// @notice DESIGN.md's defaults for the Solidity tests, in one place.
library DesignDefaults {
    /// @dev DESIGN.md's review window: a closed period is final 3 days after closing.
    uint48 internal constant REVIEW_WINDOW = 3 days;

    /// @dev Weights Casual [0,0,0], Dating1 [0,10000,0], Dating2 [5000,10000,0], Dating3 [7500,10000,0],
    /// Committed [10000,10000,10000]; no caps; one approval; 400 credits over 3 periods; a 3-day review window.
    function ledgerSettings() internal pure returns (IValueLedger.Settings memory) {
        return
            IValueLedger.Settings({
                weights: [
                    [uint16(0), 0, 0],
                    [uint16(0), 10_000, 0],
                    [uint16(5_000), 10_000, 0],
                    [uint16(7_500), 10_000, 0],
                    [uint16(10_000), 10_000, 10_000]
                ],
                caps: [uint64(0), 0, 0],
                approvalsRequired: 1,
                minimumCredits: 40_000,
                minimumPeriods: 3,
                reviewWindow: REVIEW_WINDOW
            });
    }

    /// @dev The default payable weight of a stream for a stage (Casual and above).
    function weight(IMembership.Stage stage, uint8 stream) internal pure returns (uint256) {
        return ledgerSettings().weights[uint8(stage) - 1][stream];
    }

    /// @dev A 250-euro joining contribution (Obran), 25% of it to the reserve (Mondragon); of a surplus 30% to the
    /// reserve and 10% to the commons, the rest as patronage by credits with a 20% cash share (Subchapter T's
    /// minimum); no interest, capped at 7% (Mondragon); redemption in 3 yearly instalments (CoLab).
    function capitalSettings() internal pure returns (ICapitalAccounts.Settings memory) {
        return
            ICapitalAccounts.Settings({
                contribution: 250e6,
                contributionReserveBps: 2_500,
                reserveBps: 3_000,
                commonsBps: 1_000,
                cashBps: 2_000,
                interestBps: 0,
                interestCapBps: 700,
                basis: ICapitalAccounts.PatronageBasis.Credits,
                instalments: 3,
                revolvingPeriod: 3 * 365 days
            });
    }
}
