// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ITokenRecovery
/// @notice The members' way back for tokens sent to a DisCO contract by mistake.
interface ITokenRecovery {
    /// @notice Emitted when tokens sent here by mistake are sent on by the members' decision.
    event TokensRecovered(IERC20 indexed token, address indexed to, uint256 amount);

    /// @notice Thrown when tokens would be recovered to the zero address.
    error RecoveryInvalidRecipient(address to);

    /// @notice Thrown when a recovery would lower the balance of the token this contract keeps for the DisCO (the
    /// treasury's currency, whatever address it is moved through): its free part is spent by the contract's own rules.
    error RecoveryProtectedToken(IERC20 token);

    /// @notice Sends tokens that were sent to this contract by mistake. Only the timelock (a Standard decision, as a
    /// spend is).
    /// @param token The token
    /// @param to Who receives them
    /// @param amount How many, in the token's units
    function recoverTokens(IERC20 token, address to, uint256 amount) external;
}
