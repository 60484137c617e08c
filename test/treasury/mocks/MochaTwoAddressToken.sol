// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A currency reachable through two token addresses over one set of balances (as TUSD and SNX once were):
/// the treasury must refuse to "recover" it through its second address.
contract MochaTwoAddressToken is ERC20 {
    address public immutable legacy;

    constructor() ERC20("Two-door euro", "EUR2") {
        legacy = address(new MochaLegacyEntry(this));
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function legacyTransfer(address from, address to, uint256 amount) external returns (bool) {
        require(msg.sender == legacy, "only legacy");
        _transfer(from, to, amount);
        return true;
    }
}

contract MochaLegacyEntry {
    MochaTwoAddressToken private immutable _TOKEN;

    constructor(MochaTwoAddressToken token) {
        _TOKEN = token;
    }

    function balanceOf(address account) external view returns (uint256) {
        return _TOKEN.balanceOf(account);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        return _TOKEN.legacyTransfer(msg.sender, to, amount);
    }
}
