// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Vm
/// @notice The few cheatcodes these tests use. Hardhat 3's Solidity test runner (EDR) serves them at the address
/// below, as Foundry does; forge-std is not available here, so they are declared by hand.
interface Vm {
    /// @notice A log recorded by recordLogs (forge-std's Vm.Log).
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function warp(uint256 newTimestamp) external;

    function prank(address msgSender) external;

    function expectRevert(bytes calldata revertData) external;

    function expectRevert() external;

    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;

    function assume(bool condition) external pure;

    function label(address account, string calldata newLabel) external;

    function recordLogs() external;

    function getRecordedLogs() external returns (Log[] memory logs);

    /// @notice The creation code of the artifact named `artifactPath` ("path/File.sol:Contract"): the bytecode the
    /// build ships, not this test compilation's copy of it. (EDR refuses deployCode; getCode it serves.)
    function getCode(string calldata artifactPath) external view returns (bytes memory creationBytecode);

    function addr(uint256 privateKey) external pure returns (address);

    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/// @dev The address at which the runner serves cheatcodes.
address constant VM_ADDRESS = address(uint160(uint256(keccak256("hevm cheat code"))));

/// @dev The cheatcodes, for any contract of the test code (tests and handlers alike).
abstract contract CheatCodes {
    Vm internal constant vm = Vm(VM_ADDRESS);
}
