// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title SolHostileToken
/// @notice A test ERC-20 whose every transfer into or out of a watched address (a Treasury) calls a chosen target
/// (the Treasury itself, or its CapitalAccounts) with chosen calldata, before or after the balances move, and
/// records how the reentrant call ended. For the Solidity tests of test/treasury and test/capital.
/// @dev The reentrant call comes from the token itself: a test grants the token whatever role the call needs (and
/// may make it a member with patronage cash), so that a refusal can only come from a reentrancy guard. The hook is
/// off while it runs (no recursion).
contract SolHostileToken is ERC20 {
    address public watched;
    address public target;
    bytes public reentryData;
    bool public beforeMove;
    bool public armed;

    /// @dev How many reentrant calls were made, how many succeeded, and the last one's revert data.
    uint256 public attempts;
    uint256 public successes;
    bytes public lastRevertData;

    constructor() ERC20("Solidity Hostile Token", "SHOST") {}

    /// @notice Mints `amount` to `to` (anyone may).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Lets `spender` pull the token's own balance (so that a reentrant payIn could pay).
    function approveFromToken(address spender, uint256 amount) external {
        _approve(address(this), spender, amount);
    }

    /// @notice Calls `target_` with `data` on every later transfer into or out of `watched_`.
    function arm(address watched_, address target_, bytes calldata data, bool beforeMove_) external {
        (watched, target, reentryData, beforeMove, armed) = (watched_, target_, data, beforeMove_, true);
    }

    function disarm() external {
        armed = false;
    }

    /// @notice Whether the last reentrant call failed with exactly `expected`.
    function lastRevertWas(bytes calldata expected) external view returns (bool) {
        return keccak256(lastRevertData) == keccak256(expected);
    }

    function _update(address from, address to, uint256 value) internal override {
        bool hook = armed && from != address(0) && to != address(0) && (from == watched || to == watched);
        if (hook && beforeMove) _reenter();
        super._update(from, to, value);
        if (hook && !beforeMove) _reenter();
    }

    function _reenter() private {
        armed = false;
        ++attempts;
        (bool ok, bytes memory returned) = target.call(reentryData);
        if (ok) {
            ++successes;
            delete lastRevertData;
        } else {
            lastRevertData = returned;
        }
        armed = true;
    }
}
