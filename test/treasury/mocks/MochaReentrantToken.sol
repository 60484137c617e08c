// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @notice A hostile token for the Mocha tests: once armed, its next transfer first calls `target` with `data` (before
/// any balance moves) and bubbles up whatever that call reverts with. Anyone can mint and arm it.
contract MochaReentrantToken is ERC20 {
    address public target;
    bytes public data;
    bool public armed;
    /// @notice How many callbacks went through without reverting.
    uint256 public reentered;

    constructor() ERC20("Mocha Reentrant Token", "REENTER") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (armed && from != address(0) && to != address(0)) {
            armed = false;
            Address.functionCall(target, data);
            ++reentered;
        }
        super._update(from, to, value);
    }
}
