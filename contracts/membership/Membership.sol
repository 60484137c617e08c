// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {TokenRecovery} from "../utils/TokenRecovery.sol";

/// @title Membership
/// @notice A DisCO's members: one soulbound ERC-721 token per address, with a checkpointed record of each member's
/// stage, constituency, mentor and join time, and checkpointed binding totals for the governor.
/// @dev Implements IERC5805 itself rather than inheriting OpenZeppelin's Votes, whose delegation step would let a
/// Committed member hold a vote they cannot use until they self-delegate. Each member's whole record, mentor
/// included, is one 224-bit value. The record as it stands, with the time it began, fills one slot (an OpenZeppelin
/// Checkpoint224); the records before it are a Checkpoints.Trace224 of their own, written only when a record changes.
/// So admitting a member writes one slot, and a vote or a stage check reads one. The ERC-721 token is read from that record (a member's token is theirs while their stage is not None), so
/// OpenZeppelin's ERC721 keeps no owner or balance of its own: minting and burning only announce the change.
/// Admin rights (DEFAULT_ADMIN_ROLE) belong to the timelock alone.
contract Membership is IMembership, ERC721Upgradeable, TokenRecovery {
    using Checkpoints for Checkpoints.Trace224;

    /// @inheritdoc IMembership
    uint8 public constant MAX_CONSTITUENCIES = 8;

    bytes4 private constant _ERC5192_INTERFACE_ID = 0xb45a3c0e;

    // Record packing in a 224-bit checkpoint value: [mentor:160][index:24][joinedAt:32][constituency:4][stage:4].
    // Stages and constituencies fit in 4 bits (MAX_CONSTITUENCIES is 8); 24 bits number 16.7 million members. The
    // checkpoint's 32-bit key is the timestamp of the change (good until 2106, like joinedAt).
    uint256 private constant _FIELD_MASK = 0xf;
    uint256 private constant _CONSTITUENCY_SHIFT = 4;
    uint256 private constant _JOINED_SHIFT = 8;
    uint256 private constant _INDEX_SHIFT = 40;
    uint256 private constant _MENTOR_SHIFT = 64;
    // How many of the latest checkpoints a past lookup reads before it searches: the changes a proposal's snapshot
    // usually has after it by the time the proposal is executed.
    uint256 private constant _RECENT_CHECKPOINTS = 8;

    // ------------------------------------------------------------------------------------------------ STORAGE

    mapping(address account => Checkpoints.Checkpoint224) private _latest;
    mapping(address account => Checkpoints.Trace224) private _history;
    mapping(uint8 constituency => Checkpoints.Trace224) private _constituencyVotes;
    mapping(uint8 constituency => string) private _constituencyNames;
    Checkpoints.Trace224 private _totalVotes;
    uint256 private _memberCount;
    uint32 private _lastIndex;
    string private _profileURI;
    bytes32 private _profileHash;

    /// @notice The implementation that clones run: its own initialiser is locked, so it holds no DisCO.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets up a clone, once: the factory calls it in the transaction that creates the clone.
    /// @param name_ The token's name
    /// @param symbol_ The token's symbol
    /// @param admin The only holder of DEFAULT_ADMIN_ROLE: the DisCO's timelock
    /// @param constituencyNames Names of constituencies 0, 1, ... (at most MAX_CONSTITUENCIES)
    /// @param founders The founding members, mentors listed before the members they mentor
    function initialize(
        string memory name_,
        string memory symbol_,
        address admin,
        string[] memory constituencyNames,
        Founder[] memory founders
    ) external initializer {
        __ERC721_init(name_, symbol_);
        if (admin == address(0)) revert MembershipInvalidAccount(admin);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (constituencyNames.length > MAX_CONSTITUENCIES) {
            revert MembershipUnknownConstituency(MAX_CONSTITUENCIES);
        }
        for (uint256 i = 0; i < constituencyNames.length; ++i) {
            _setConstituencyName(uint8(i), constituencyNames[i]);
        }
        for (uint256 i = 0; i < founders.length; ++i) {
            Founder memory f = founders[i];
            _admit(f.account, f.stage, f.constituency, f.mentor);
        }
        // Without a binding vote nobody could ever propose or pass anything: governance would be bricked for good.
        if (_totalVotes.latest() == 0) revert MembershipNoCommittedFounder();
    }

    // ------------------------------------------------------------------------------------------------ GOVERNANCE

    /// @inheritdoc IMembership
    function admit(
        address account,
        Stage stage,
        uint8 constituency,
        address mentor
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _admit(account, stage, constituency, mentor);
    }

    /// @inheritdoc IMembership
    function changeStage(address account, Stage stage, address mentor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _changeStage(account, stage, mentor);
    }

    /// @inheritdoc IMembership
    function changeConstituency(address account, uint8 constituency) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _changeConstituency(account, constituency);
    }

    /// @inheritdoc IMembership
    function remove(address account, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _end(account);
        emit MemberRemoved(account, reason);
    }

    /// @inheritdoc IMembership
    function setConstituencyName(uint8 constituency, string calldata name) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setConstituencyName(constituency, name);
    }

    /// @inheritdoc IMembership
    function setProfile(string calldata uri, bytes32 hash) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if ((bytes(uri).length == 0) != (hash == bytes32(0))) revert MembershipInvalidProfile(uri, hash);
        _profileURI = uri;
        _profileHash = hash;
        emit ProfileSet(uri, hash);
    }

    // ------------------------------------------------------------------------------------------------ MEMBERS

    /// @inheritdoc IMembership
    function leave() external {
        address account = _msgSender();
        _end(account);
        emit MemberLeft(account);
    }

    // ------------------------------------------------------------------------------------------------ IERC5805

    /// @inheritdoc IERC6372
    function clock() public view returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc IERC6372
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IVotes
    function getVotes(address account) external view returns (uint256) {
        return _votingUnits(_current(account).stage);
    }

    /// @inheritdoc IVotes
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        return _votingUnits(_recordAt(account, _pastTimepoint(timepoint)).stage);
    }

    /// @inheritdoc IVotes
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _lookup(_totalVotes, _pastTimepoint(timepoint));
    }

    /// @inheritdoc IVotes
    /// @dev Every member is their own delegate; non-members have none.
    function delegates(address account) external view returns (address) {
        return isMember(account) ? account : address(0);
    }

    /// @inheritdoc IVotes
    function delegate(address) external pure {
        revert MembershipDelegationDisabled();
    }

    /// @inheritdoc IVotes
    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) external pure {
        revert MembershipDelegationDisabled();
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc IMembership
    function tokenIdOf(address account) public pure returns (uint256) {
        return uint256(uint160(account));
    }

    /// @inheritdoc IMembership
    function isMember(address account) public view returns (bool) {
        return _current(account).stage != Stage.None;
    }

    /// @inheritdoc IMembership
    function memberCount() external view returns (uint256) {
        return _memberCount;
    }

    /// @inheritdoc IMembership
    function stageOf(address account) external view returns (Stage) {
        return _current(account).stage;
    }

    /// @inheritdoc IMembership
    function memberOf(address account) external view returns (MemberRecord memory) {
        return _current(account);
    }

    /// @inheritdoc IMembership
    function pastMemberOf(address account, uint256 timepoint) external view returns (MemberRecord memory) {
        return _recordAt(account, _pastTimepoint(timepoint));
    }

    /// @inheritdoc IMembership
    function indexOf(address account) external view returns (uint32) {
        return _current(account).index;
    }

    /// @inheritdoc IMembership
    function voterStatus(address account, uint256 timepoint) external view returns (Stage, uint8, uint32) {
        uint32 snapshot = _pastTimepoint(timepoint);
        MemberRecord memory current = _current(account);
        if (current.stage == Stage.None || current.joinedAt > snapshot) return (Stage.None, 0, current.index);
        // Usually nothing changed since the snapshot, and the record as it stands is the one that counts: no search.
        MemberRecord memory then = _recordAt(account, snapshot);
        return (then.stage, then.constituency, current.index);
    }

    /// @inheritdoc IMembership
    function bindingMembers() external view returns (uint256) {
        return _totalVotes.latest();
    }

    /// @inheritdoc IMembership
    function getPastConstituencyVotes(uint8 constituency, uint256 timepoint) external view returns (uint256) {
        return _lookup(_constituencyVotes[constituency], _pastTimepoint(timepoint));
    }

    /// @inheritdoc IMembership
    function constituencyName(uint8 constituency) external view returns (string memory) {
        return _constituencyNames[constituency];
    }

    /// @inheritdoc IMembership
    function profile() external view returns (string memory, bytes32) {
        return (_profileURI, _profileHash);
    }

    /// @inheritdoc IMembership
    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    /// @inheritdoc ERC721Upgradeable
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC721Upgradeable, AccessControlUpgradeable) returns (bool) {
        return interfaceId == _ERC5192_INTERFACE_ID || super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------------------------------------ ERC721

    /// @inheritdoc ERC721Upgradeable
    function approve(address, uint256 tokenId) public pure override {
        revert MembershipNonTransferable(tokenId);
    }

    /// @inheritdoc ERC721Upgradeable
    function setApprovalForAll(address, bool) public pure override {
        revert MembershipNonTransferable(0);
    }

    /// @inheritdoc ERC721Upgradeable
    /// @dev One token per member: 1 for a member, 0 for anyone else.
    function balanceOf(address owner) public view override returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return isMember(owner) ? 1 : 0;
    }

    /// @dev A token is its member's while their record's stage is not None; no other id is ever owned.
    function _ownerOf(uint256 tokenId) internal view override returns (address) {
        if (tokenId > type(uint160).max) return address(0);
        address account = address(uint160(tokenId));
        return isMember(account) ? account : address(0);
    }

    /// @dev Only mints and burns pass: a membership never moves between addresses. Ownership is the member's record,
    /// which the caller writes, so nothing is stored here: the token's change is only announced. As in
    /// OpenZeppelin's ERC721, a transfer attempt (an `auth`) of a token that does not exist is refused by name.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = _ownerOf(tokenId);
        if (to != address(0) && from != address(0)) revert MembershipNonTransferable(tokenId);
        if (auth != address(0)) _checkAuthorized(from, auth, tokenId);
        emit Transfer(from, to, tokenId);
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    function _admit(address account, Stage stage, uint8 constituency, address mentor) internal virtual {
        if (account == address(0)) revert MembershipInvalidAccount(account);
        if (isMember(account)) revert MembershipAlreadyMember(account);
        if (stage == Stage.None) revert MembershipInvalidStage(stage);
        _requireConstituency(constituency);
        _requireMentor(account, stage, mentor);

        uint256 tokenId = tokenIdOf(account);
        _mint(account, tokenId);
        unchecked {
            // Bounded by the number of addresses that can be minted a token.
            ++_memberCount;
        }
        // A member who comes back keeps their index: the one their earlier votes were recorded under.
        MemberRecord memory previous = _current(account);
        uint32 index = previous.index == 0 ? ++_lastIndex : previous.index;
        _write(account, previous, MemberRecord(stage, constituency, mentor, SafeCast.toUint32(clock()), index));
        emit Locked(tokenId);
        emit DelegateChanged(account, address(0), account);
        emit MemberAdmitted(account, stage, constituency, mentor);
    }

    function _changeStage(address account, Stage stage, address mentor) internal virtual {
        MemberRecord memory previous = _requireRecord(account);
        if (stage == Stage.None) revert MembershipInvalidStage(stage);
        if (stage == previous.stage && mentor == previous.mentor) revert MembershipUnchanged(account);
        _requireMentor(account, stage, mentor);

        MemberRecord memory record = MemberRecord(
            stage,
            previous.constituency,
            mentor,
            previous.joinedAt,
            previous.index
        );
        _write(account, previous, record);
        emit MemberStageChanged(account, previous.stage, stage, mentor);
    }

    function _changeConstituency(address account, uint8 constituency) internal virtual {
        MemberRecord memory previous = _requireRecord(account);
        _requireConstituency(constituency);
        if (constituency == previous.constituency) revert MembershipUnchanged(account);

        MemberRecord memory record = MemberRecord(
            previous.stage,
            constituency,
            previous.mentor,
            previous.joinedAt,
            previous.index
        );
        _write(account, previous, record);
        emit MemberConstituencyChanged(account, previous.constituency, constituency);
    }

    /// @dev Ends a membership (removal or leaving): burns the token and records stage None.
    function _end(address account) internal virtual {
        MemberRecord memory previous = _requireRecord(account);
        _burn(tokenIdOf(account));
        unchecked {
            // The member counted here was counted at admission.
            --_memberCount;
        }
        _write(account, previous, MemberRecord(Stage.None, 0, address(0), 0, previous.index));
        emit DelegateChanged(account, account, address(0));
    }

    function _setConstituencyName(uint8 constituency, string memory name) internal virtual {
        if (constituency >= MAX_CONSTITUENCIES) revert MembershipUnknownConstituency(constituency);
        _constituencyNames[constituency] = name;
        emit ConstituencyNamed(constituency, name);
    }

    /// @dev Writes the new record, moving the one it replaces into the history (unless it began this very second:
    /// no past lookup can see it then), and moves binding units between the totals when the stage or constituency
    /// changes. The one place where a record is written.
    function _write(address account, MemberRecord memory previous, MemberRecord memory record) private {
        uint32 now_ = SafeCast.toUint32(clock());
        Checkpoints.Checkpoint224 memory replaced = _latest[account];
        // Key 0: no record yet (no block has timestamp 0).
        if (replaced._key != 0 && replaced._key != now_) _history[account].push(replaced._key, replaced._value);
        _latest[account] = Checkpoints.Checkpoint224(now_, _pack(record));

        uint256 oldUnits = _votingUnits(previous.stage);
        uint256 newUnits = _votingUnits(record.stage);
        if (oldUnits == newUnits && previous.constituency == record.constituency) return;
        if (oldUnits > 0) {
            _constituencyVotes[previous.constituency].push(
                now_,
                _constituencyVotes[previous.constituency].latest() - 1
            );
        }
        if (newUnits > 0) {
            _constituencyVotes[record.constituency].push(now_, _constituencyVotes[record.constituency].latest() + 1);
        }
        if (oldUnits != newUnits) {
            uint224 total = _totalVotes.latest();
            _totalVotes.push(now_, newUnits > 0 ? total + 1 : total - 1);
            emit DelegateVotesChanged(account, oldUnits, newUnits);
        }
    }

    function _requireRecord(address account) private view returns (MemberRecord memory record) {
        record = _current(account);
        if (record.stage == Stage.None) revert MembershipNotMember(account);
    }

    function _requireConstituency(uint8 constituency) private view {
        if (constituency >= MAX_CONSTITUENCIES || bytes(_constituencyNames[constituency]).length == 0) {
            revert MembershipUnknownConstituency(constituency);
        }
    }

    /// @dev Dating stages need a Committed mentor other than the member; other stages take none.
    function _requireMentor(address account, Stage stage, address mentor) private view {
        bool dating = stage == Stage.Dating1 || stage == Stage.Dating2 || stage == Stage.Dating3;
        bool valid = dating ? mentor != account && _current(mentor).stage == Stage.Committed : mentor == address(0);
        if (!valid) revert MembershipInvalidMentor(account, mentor);
    }

    /// @dev The value at `timepoint`. A proposal's snapshot read at its execution is recent: at most a few changes
    /// came after it, so a short walk back from the latest checkpoint finds it, and reading the electorate costs the
    /// same at 10 or 10,000 members. Further back, OpenZeppelin's search (logarithmic in the trace's length).
    function _lookup(Checkpoints.Trace224 storage trace, uint32 timepoint) private view returns (uint224) {
        uint256 pos = trace.length();
        for (uint256 steps = 0; steps < _RECENT_CHECKPOINTS; ++steps) {
            if (pos == 0) return 0;
            // Safe: pos is a checkpoint count, which a uint32 index reaches first (Checkpoints' own bound).
            Checkpoints.Checkpoint224 memory c = trace.at(uint32(--pos));
            if (c._key <= timepoint) return c._value;
        }
        return trace.upperLookupRecent(timepoint);
    }

    function _pastTimepoint(uint256 timepoint) private view returns (uint32) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert MembershipFutureLookup(timepoint, now_);
        return SafeCast.toUint32(timepoint);
    }

    function _votingUnits(Stage stage) private pure returns (uint256) {
        return stage == Stage.Committed ? 1 : 0;
    }

    function _current(address account) private view returns (MemberRecord memory) {
        return _unpack(_latest[account]._value);
    }

    /// @dev The record at `timepoint`: the one as it stands if it began by then (one read), else the history's.
    function _recordAt(address account, uint32 timepoint) private view returns (MemberRecord memory) {
        Checkpoints.Checkpoint224 memory latest = _latest[account];
        if (latest._key <= timepoint) return _unpack(latest._value);
        return _unpack(_lookup(_history[account], timepoint));
    }

    function _pack(MemberRecord memory record) private pure returns (uint224) {
        return
            uint224(
                uint256(record.stage) |
                    (uint256(record.constituency) << _CONSTITUENCY_SHIFT) |
                    (uint256(record.joinedAt) << _JOINED_SHIFT) |
                    (uint256(SafeCast.toUint24(record.index)) << _INDEX_SHIFT) |
                    (uint256(uint160(record.mentor)) << _MENTOR_SHIFT)
            );
    }

    function _unpack(uint256 packed) private pure returns (MemberRecord memory) {
        return
            MemberRecord({
                stage: Stage(packed & _FIELD_MASK),
                constituency: uint8((packed >> _CONSTITUENCY_SHIFT) & _FIELD_MASK),
                mentor: address(uint160(packed >> _MENTOR_SHIFT)),
                joinedAt: uint32(packed >> _JOINED_SHIFT),
                index: uint24(packed >> _INDEX_SHIFT)
            });
    }
}
