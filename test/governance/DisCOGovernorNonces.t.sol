// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {DisCOGovernor} from "../../contracts/governance/DisCOGovernor.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {DisCOFixture} from "../utils/DisCOFixture.sol";

/// @notice Exposes the governor's checked-nonce hook, which its own vote-by-signature path never takes (it spends
/// nonces as it checks them), so that the keyed behaviour of the hook it overrides is tested too.
contract DisCOGovernorNoncesHarness is DisCOGovernor {
    function useCheckedNonce(address owner, uint256 keyNonce) external {
        _useCheckedNonce(owner, keyNonce);
    }
}

contract DisCOGovernorNoncesTest is DisCOFixture {
    DisCOGovernorNoncesHarness internal harness;

    function setUp() public {
        _deployDisCO();
        // A clone of the harness over the fixture's contracts and timelock, as the factory makes a governor.
        address implementation = address(new DisCOGovernorNoncesHarness());
        harness = DisCOGovernorNoncesHarness(
            payable(
                Clones.cloneWithImmutableArgs(
                    implementation,
                    abi.encode(disco.membership, disco.ledger, disco.treasury, disco.capital, disco.audit)
                )
            )
        );
        harness.initialize(timelock, IDisCOGovernor.Settings(1 days, 7 days, 1, 5_000, 2, 3));
    }

    /// @dev A checked keyed nonce spends its own key's sequence and no other; a plain one (key 0) the plain sequence;
    /// a nonce out of turn is refused with the current one.
    function testFuzz_useCheckedNonce_spendsOnlyItsKeysSequence(address owner, uint192 key) public {
        vm.assume(key != 0);
        uint256 keyed = harness.nonces(owner, key);
        assertEq(keyed, uint256(key) << 64, "a fresh key's first nonce");
        harness.useCheckedNonce(owner, keyed);
        assertEq(harness.nonces(owner, key), keyed + 1, "the key's sequence moved on");
        assertEq(harness.nonces(owner), 0, "the plain sequence did not");

        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, owner, keyed + 1));
        harness.useCheckedNonce(owner, keyed);

        harness.useCheckedNonce(owner, 0);
        assertEq(harness.nonces(owner), 1, "a plain nonce spends the plain sequence");
        assertEq(harness.nonces(owner, key), keyed + 1, "and leaves the key's alone");
    }
}
