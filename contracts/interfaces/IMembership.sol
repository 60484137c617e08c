// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title IMembership
/// @notice One non-transferable membership per address, with stage, constituency and mentor, and a checkpointed
/// history that answers "who was a binding member at timepoint t" for the governor.
/// @dev Voting units follow DisCO governance v3: 1 for a Committed member, 0 otherwise, effective at admission
/// (there is no delegation step). Timepoints are ERC-6372 timestamps.
interface IMembership is IERC5805 {
    /// @notice A member's stage. Casual members have no vote; Dating members' votes are advisory; Committed
    /// members' votes are binding.
    enum Stage {
        None,
        Casual,
        Dating1,
        Dating2,
        Dating3,
        Committed
    }

    /// @notice A member's record at some timepoint.
    /// @param stage The member's stage (None when not a member)
    /// @param constituency The member's constituency id
    /// @param mentor The mentor named for a Dating member, zero otherwise
    /// @param joinedAt When the current membership began
    /// @param index The member's permanent number (see indexOf)
    struct MemberRecord {
        Stage stage;
        uint8 constituency;
        address mentor;
        uint32 joinedAt;
        uint32 index;
    }

    /// @notice A member admitted at deployment.
    struct Founder {
        address account;
        Stage stage;
        uint8 constituency;
        address mentor;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted when a member is admitted (at deployment, or by governance).
    event MemberAdmitted(address indexed account, Stage stage, uint8 indexed constituency, address indexed mentor);

    /// @notice Emitted when a member's stage or mentor changes.
    event MemberStageChanged(address indexed account, Stage previousStage, Stage newStage, address indexed mentor);

    /// @notice Emitted when a member moves to another constituency.
    event MemberConstituencyChanged(address indexed account, uint8 previousConstituency, uint8 newConstituency);

    /// @notice Emitted when governance removes a member.
    event MemberRemoved(address indexed account, string reason);

    /// @notice Emitted when a member leaves by themself.
    event MemberLeft(address indexed account);

    /// @notice Emitted when a constituency is named or renamed (an empty name retires it for new admissions).
    event ConstituencyNamed(uint8 indexed constituency, string name);

    /// @notice Emitted when the members publish their DisCO's public profile, or withdraw it (an empty URI and a zero
    /// hash).
    /// @param uri Where the profile document is (a Murmurations organisation profile, JSON)
    /// @param hash keccak256 of the document's bytes, so that anyone can tell it is the one the members approved
    event ProfileSet(string uri, bytes32 hash);

    /// @notice Emitted with the ERC-5192 semantics: every membership token is locked to its holder.
    event Locked(uint256 tokenId);

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Thrown when a transfer or an approval of a membership token is attempted.
    error MembershipNonTransferable(uint256 tokenId);

    /// @notice Thrown when delegation is attempted: voting units always stay with the member.
    error MembershipDelegationDisabled();

    /// @notice Thrown when the zero address is given as a member.
    error MembershipInvalidAccount(address account);

    /// @notice Thrown when admitting an address that already holds a membership.
    error MembershipAlreadyMember(address account);

    /// @notice Thrown when an action needs a member and `account` is not one.
    error MembershipNotMember(address account);

    /// @notice Thrown when a stage is not one a member can hold.
    error MembershipInvalidStage(Stage stage);

    /// @notice Thrown when a constituency id is out of range or has no name.
    error MembershipUnknownConstituency(uint8 constituency);

    /// @notice Thrown when a profile has a URI without a hash or a hash without a URI.
    error MembershipInvalidProfile(string uri, bytes32 hash);

    /// @notice Thrown when a Dating member lacks a Committed mentor other than themself, or a non-Dating member is
    /// given a mentor.
    error MembershipInvalidMentor(address account, address mentor);

    /// @notice Thrown when a change would leave the member's record as it is.
    error MembershipUnchanged(address account);

    /// @notice Thrown when the founders include no Committed member: nobody could ever vote.
    error MembershipNoCommittedFounder();

    /// @notice Thrown when a past lookup asks about the present or the future.
    error MembershipFutureLookup(uint256 timepoint, uint48 clock);

    // ------------------------------------------------------------------------------------------------ GOVERNANCE

    /// @notice Admits `account`. Only the timelock.
    /// @param account The new member's address (one membership per address)
    /// @param stage Casual, Dating1-3 or Committed
    /// @param constituency A named constituency id
    /// @param mentor A Committed member for Dating stages, zero otherwise
    function admit(address account, Stage stage, uint8 constituency, address mentor) external;

    /// @notice Moves a member to another stage, or names another mentor. Only the timelock.
    /// @param account The member
    /// @param stage The new stage
    /// @param mentor A Committed member for Dating stages, zero otherwise
    function changeStage(address account, Stage stage, address mentor) external;

    /// @notice Moves a member to another constituency. Only the timelock.
    /// @param account The member
    /// @param constituency A named constituency id
    function changeConstituency(address account, uint8 constituency) external;

    /// @notice Removes a member. Only the timelock.
    /// @param account The member
    /// @param reason Why, for the record
    function remove(address account, string calldata reason) external;

    /// @notice Names, renames or retires (empty name) a constituency. Only the timelock.
    /// @param constituency The id, below MAX_CONSTITUENCIES
    /// @param name The name shown to people
    function setConstituencyName(uint8 constituency, string calldata name) external;

    /// @notice Publishes the DisCO's public profile (name, description, languages, place, website, what it offers)
    /// as a document in the shape of the Murmurations protocol's organisation schema, so that co-op maps can index
    /// it; or withdraws it with an empty URI and a zero hash. Only the timelock: the members decide what the DisCO
    /// says of itself.
    /// @param uri Where the document is
    /// @param hash keccak256 of the document's bytes
    function setProfile(string calldata uri, bytes32 hash) external;

    // ------------------------------------------------------------------------------------------------ MEMBERS

    /// @notice The caller leaves the cooperative. Always allowed.
    function leave() external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice How many constituencies a DisCO can have.
    /// @return The bound on constituency ids (exclusive)
    function MAX_CONSTITUENCIES() external view returns (uint8);

    /// @notice The membership token id of `account` (its address as a number).
    /// @param account The address
    /// @return The token id
    function tokenIdOf(address account) external pure returns (uint256);

    /// @notice Whether `account` is a member now.
    /// @param account The address
    /// @return True for a member of any stage
    function isMember(address account) external view returns (bool);

    /// @notice The number of members now, all stages.
    /// @return The count
    function memberCount() external view returns (uint256);

    /// @notice A member's stage now (None for a non-member): the cheapest way to ask.
    /// @param account The address
    /// @return The stage
    function stageOf(address account) external view returns (Stage);

    /// @notice A member's record now.
    /// @param account The address
    /// @return The record (stage None for a non-member)
    function memberOf(address account) external view returns (MemberRecord memory);

    /// @notice A member's record at a past timepoint.
    /// @param account The address
    /// @param timepoint A timepoint before now
    /// @return The record then (stage None for a non-member)
    function pastMemberOf(address account, uint256 timepoint) external view returns (MemberRecord memory);

    /// @notice The stage and constituency that count for a vote whose snapshot is `timepoint`: the record at the
    /// snapshot, or stage None if the member has left or been removed since (or joined after it).
    /// @param account The voter
    /// @param timepoint The proposal's snapshot, before now
    /// @return stage The stage that counts
    /// @return constituency The constituency at the snapshot (0 with stage None)
    /// @return index The address's permanent number (see indexOf), whatever the stage
    function voterStatus(
        address account,
        uint256 timepoint
    ) external view returns (Stage stage, uint8 constituency, uint32 index);

    /// @notice The permanent number of an address that has ever been admitted, counting from 1 (0 for others).
    /// It survives leaving and rejoining, so the governor can pack vote receipts by it.
    /// @param account The address
    /// @return The index
    function indexOf(address account) external view returns (uint32);

    /// @notice The number of binding (Committed) members now.
    /// @return The count
    function bindingMembers() external view returns (uint256);

    /// @notice The number of binding members of a constituency at a past timepoint.
    /// @param constituency The constituency id
    /// @param timepoint A timepoint before now
    /// @return The count
    function getPastConstituencyVotes(uint8 constituency, uint256 timepoint) external view returns (uint256);

    /// @notice A constituency's name (empty when unused).
    /// @param constituency The id
    /// @return The name
    function constituencyName(uint8 constituency) external view returns (string memory);

    /// @notice The DisCO's public profile, as the members last published it (empty when none).
    /// @return uri Where the document is
    /// @return hash keccak256 of the document's bytes
    function profile() external view returns (string memory uri, bytes32 hash);

    /// @notice ERC-5192: membership tokens are always locked.
    /// @param tokenId An existing token id
    /// @return Always true
    function locked(uint256 tokenId) external view returns (bool);
}
