// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice The benchmark's push-style baseline (0xSplits v1 style): one call by the treasurer pays every recipient
/// their weighted share of an amount, in a loop over a stored list. Each recipient is one packed word (weight and
/// address), so the loop pays one storage read and one token transfer per recipient. Not part of the product:
/// `npm run bench` compares it with the DisCO's fundPeriod, after which each member pulls their own share.
contract BenchPushPayout {
    using SafeERC20 for IERC20;

    IERC20 public immutable TOKEN;
    address public immutable TREASURER;

    uint256[] private _recipients;
    uint256 private _totalWeight;

    /// @notice Thrown when someone other than the treasurer calls a treasurer's function.
    error BenchPushPayoutNotTreasurer(address caller);

    constructor(IERC20 token, address treasurer) {
        TOKEN = token;
        TREASURER = treasurer;
    }

    /// @notice Adds recipients, each with its weight in the split.
    function addRecipients(address[] calldata accounts, uint96[] calldata weights) external {
        _onlyTreasurer();
        for (uint256 i = 0; i < accounts.length; ++i) {
            _recipients.push((uint256(weights[i]) << 160) | uint160(accounts[i]));
            _totalWeight += weights[i];
        }
    }

    /// @notice Pays every recipient their share of `amount` out of this contract's balance.
    function distribute(uint256 amount) external {
        _onlyTreasurer();
        uint256 count = _recipients.length;
        uint256 totalWeight = _totalWeight;
        for (uint256 i = 0; i < count; ++i) {
            uint256 recipient = _recipients[i];
            TOKEN.safeTransfer(address(uint160(recipient)), (amount * (recipient >> 160)) / totalWeight);
        }
    }

    function _onlyTreasurer() private view {
        if (msg.sender != TREASURER) revert BenchPushPayoutNotTreasurer(msg.sender);
    }
}
