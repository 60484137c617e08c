// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

/// @title DisCOTimelock
/// @notice The DisCO's timelock: OpenZeppelin's TimelockController, unchanged, as an implementation for clones. It
/// holds every right in the DisCO; only the governor proposes, cancels and executes through it.
contract DisCOTimelock is TimelockControllerUpgradeable {
    /// @notice The implementation that clones run: its own initialiser is locked, so it holds no DisCO.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }
}
