// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ITokenRecovery} from "../interfaces/ITokenRecovery.sol";

/// @title TokenRecovery
/// @notice Lets the timelock send on tokens that reached a DisCO contract by mistake.
/// @dev A contract that keeps a token for the DisCO names its balance in `_keptBalance`: no recovery may lower it.
abstract contract TokenRecovery is ITokenRecovery, AccessControlUpgradeable {
    using SafeERC20 for IERC20;

    /// @inheritdoc ITokenRecovery
    function recoverTokens(IERC20 token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (to == address(0)) revert RecoveryInvalidRecipient(to);
        uint256 kept = _keptBalance();
        emit TokensRecovered(token, to, amount);
        token.safeTransfer(to, amount);
        // Judged by balance, not by address: a currency reachable through a second token address is refused too.
        if (_keptBalance() < kept) revert RecoveryProtectedToken(token);
    }

    /// @dev The balance of the token this contract keeps for the DisCO, which a recovery must never lower; none by
    /// default.
    function _keptBalance() internal view virtual returns (uint256) {
        return 0;
    }
}
