// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title CreditToken
/// @notice A test currency for settlements: any decimals, minted by anyone, and hostile when armed: every
/// transferFrom first calls a chosen target with chosen calldata (recording how that call ended), or refuses by
/// returning false.
contract CreditToken is ERC20 {
    uint8 private immutable _DECIMALS;

    address public target;
    bytes public reentryData;
    bool public armed;
    bool public refuse;
    uint256 public attempts;
    bytes public lastRevertData;

    constructor(uint8 decimals_) ERC20("Credit Token", "CRED") {
        _DECIMALS = decimals_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Calls `target_` with `data` at the start of every later transferFrom.
    function arm(address target_, bytes calldata data) external {
        (target, reentryData, armed) = (target_, data, true);
    }

    /// @notice Makes every later transferFrom return false without moving anything.
    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function decimals() public view override returns (uint8) {
        return _DECIMALS;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (refuse) return false;
        if (armed) {
            armed = false;
            ++attempts;
            (bool ok, bytes memory data) = target.call(reentryData);
            if (!ok) lastRevertData = data;
        }
        return super.transferFrom(from, to, value);
    }

    /// @notice Whether the last reentrant call failed with exactly `expected`.
    function lastRevertWas(bytes calldata expected) external view returns (bool) {
        return keccak256(lastRevertData) == keccak256(expected);
    }
}
