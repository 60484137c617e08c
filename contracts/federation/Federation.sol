// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IDisCOFactory} from "../interfaces/IDisCOFactory.sol";
import {IFederation} from "../interfaces/IFederation.sol";
import {IValueLedger} from "../interfaces/IValueLedger.sol";
import {CloneArgs} from "../utils/CloneArgs.sol";

/// @title Federation
/// @notice A federation of factory-made DisCOs: its charter, its member DisCOs and their decisions, check-ins,
/// peers' verdicts and trust. Founded by DisCOFactory.createFederation as a clone whose argument is the factory.
/// @dev No admin and no upgrade. Every hot path (check-in, verdict, trust) reads the acting member's first slot and
/// the one address it needs (its ledger or audit registry), and writes one word: its cost does not depend on the
/// number of members. A DisCO's contracts are resolved once, when it applies or founds (see IFederation: a DisCO that
/// changes its timelock can't act here any more; the others may remove it, and it applies again from the new one).
contract Federation is IFederation, Initializable {
    using BitMaps for BitMaps.BitMap;

    /// @inheritdoc IFederation
    uint8 public constant MAX_TRUST = 100;
    /// @inheritdoc IFederation
    uint32 public constant MIN_VOTING_PERIOD = 1 hours;
    /// @inheritdoc IFederation
    uint32 public constant MAX_VOTING_PERIOD = 365 days;

    bytes32 private constant _TREASURER_ROLE = keccak256("TREASURER_ROLE");
    bytes32 private constant _AUDITOR_ROLE = keccak256("AUDITOR_ROLE");
    /// @dev The governor's clone arguments are (membership, ledger, treasury, capital, audit).
    uint256 private constant _MEMBERSHIP_ARG = 0;
    uint256 private constant _LEDGER_ARG = 1;
    uint256 private constant _AUDIT_ARG = 4;

    // ------------------------------------------------------------------------------------------------ STORAGE

    /// @dev A trust value with both DisCOs' admissions when it was set (one word): it holds only while both are still
    /// members on those admissions, so leaving resets trust from and toward a DisCO without a loop.
    struct Trust {
        uint8 value;
        uint32 fromAdmission;
        uint32 toAdmission;
    }

    /// @dev The charter, and the Charter proposal that set it (0: the founding): an older one is stale.
    struct Charter {
        string uri;
        bytes32 hash;
        uint256 proposalId;
    }

    string private _name;
    Charter private _charter;
    uint32 private _votingPeriod;
    /// @dev Ever-increasing: a member's `admission` is its value when it was last admitted.
    uint32 private _admissions;
    /// @dev Member DisCOs now.
    uint32 private _memberCount;
    /// @dev The last index given: indexes are permanent and number the bits of votes and verdicts.
    uint32 private _lastIndex;
    uint32 private _proposalCount;

    mapping(address disco => Member) internal _members;
    mapping(uint256 id => Proposal) private _proposals;
    /// @dev Who voted, one bit per member index.
    mapping(uint256 id => BitMaps.BitMap) private _votes;
    /// @dev Each DisCO's latest application.
    mapping(address disco => uint256 id) private _applications;
    /// @dev Which periods a DisCO checked in, one bit per period (256 a word): the digest and figures are in the event.
    mapping(address disco => BitMaps.BitMap) private _checkIns;
    /// @dev Peers' verdicts on a check-in, two bits (a Verdict) per peer index, 128 peers a word.
    mapping(address disco => mapping(uint32 period => mapping(uint256 word => uint256 bits))) private _verdicts;
    mapping(address from => mapping(address to => Trust)) private _trust;

    /// @notice The implementation that clones run: its own initialiser is locked, so it holds no federation.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IFederation
    function initialize(
        string calldata name_,
        string calldata charterURI,
        bytes32 charterHash,
        uint32 votingPeriod_,
        address founderTimelock
    ) external initializer {
        if (msg.sender != _factory()) revert FederationNotFactory(msg.sender);
        if (votingPeriod_ < MIN_VOTING_PERIOD || votingPeriod_ > MAX_VOTING_PERIOD) {
            revert FederationInvalidVotingPeriod(votingPeriod_);
        }
        _name = name_;
        _votingPeriod = votingPeriod_;
        emit FederationFounded(name_, votingPeriod_);
        _setCharter(charterURI, charterHash);
        (address disco, Member storage m) = _register(founderTimelock);
        _admit(disco, m, 0);
    }

    // ------------------------------------------------------------------------------------------------ MEMBERSHIP

    /// @inheritdoc IFederation
    function applyToJoin(string calldata reason) external returns (uint256 proposalId) {
        (address disco, Member storage m) = _register(msg.sender);
        uint256 open = _applications[disco];
        if (open != 0) {
            ProposalState s = _state(_proposals[open]);
            if (s == ProposalState.Active || s == ProposalState.Passed) revert FederationApplicationOpen(disco, open);
        }
        proposalId = _propose(disco, ProposalKind.Admit, disco, "", bytes32(0));
        _applications[disco] = proposalId;
        emit Applied(disco, proposalId, m.timelock, m.ledger, m.audit, reason);
    }

    /// @inheritdoc IFederation
    function withdrawApplication(address disco) external {
        if (msg.sender != _members[disco].timelock) revert FederationUnauthorized(msg.sender, disco);
        uint256 id = _applications[disco];
        // An executed application made the DisCO a member: its latest one is open only if Active or Passed.
        ProposalState s = id == 0 ? ProposalState.Executed : _state(_proposals[id]);
        if (s != ProposalState.Active && s != ProposalState.Passed) revert FederationNoApplication(disco);
        _proposals[id].withdrawn = true;
        emit ApplicationWithdrawn(disco, id);
    }

    /// @inheritdoc IFederation
    function leave(address disco) external {
        Member storage m = _activeMember(disco);
        if (msg.sender != m.timelock) revert FederationUnauthorized(msg.sender, disco);
        _deactivate(disco, m);
        emit MemberLeft(disco);
    }

    /// @inheritdoc IFederation
    function setDelegate(address disco, address delegate) external {
        Member storage m = _members[disco];
        if (msg.sender != m.timelock) revert FederationUnauthorized(msg.sender, disco);
        m.delegate = delegate;
        emit DelegateSet(disco, delegate);
    }

    // ------------------------------------------------------------------------------------------------ DECISIONS

    /// @inheritdoc IFederation
    function propose(
        address disco,
        uint8 kind,
        address subject,
        string calldata uri,
        bytes32 hash
    ) external returns (uint256) {
        _requireVoter(_activeMember(disco), disco);
        if (kind == uint8(ProposalKind.Remove)) {
            if (bytes(uri).length != 0 || hash != bytes32(0)) revert FederationInvalidProposal();
            if (!_members[subject].active) revert FederationNotMember(subject);
            return _propose(disco, ProposalKind.Remove, subject, "", bytes32(0));
        }
        if (kind != uint8(ProposalKind.Charter)) revert FederationInvalidKind(kind);
        if (subject != address(0)) revert FederationInvalidProposal();
        _checkCharter(uri, hash);
        return _propose(disco, ProposalKind.Charter, address(0), uri, hash);
    }

    /// @inheritdoc IFederation
    function vote(uint256 id, address disco, bool support) external {
        Proposal storage p = _proposal(id);
        Member storage m = _activeMember(disco);
        _requireVoter(m, disco);
        ProposalState s = _state(p);
        if (s != ProposalState.Active) revert FederationProposalClosed(id, s);
        if (m.admission > p.snapshot) revert FederationNotEligible(id, disco);
        BitMaps.BitMap storage voted = _votes[id];
        if (voted.get(m.index)) revert FederationAlreadyVoted(id, disco);
        voted.set(m.index);
        if (support) ++p.forVotes;
        else ++p.againstVotes;
        emit VoteCast(id, disco, support, msg.sender);
    }

    /// @inheritdoc IFederation
    function execute(uint256 id) external {
        Proposal storage p = _proposal(id);
        ProposalState s = _state(p);
        if (s != ProposalState.Passed) revert FederationProposalNotPassed(id, s);
        p.executed = true;
        ProposalKind kind = p.kind;
        if (kind == ProposalKind.Charter) {
            if (id < _charter.proposalId) revert FederationProposalStale(id);
            _charter.proposalId = id;
            _setCharter(p.charterURI, p.charterHash);
        } else {
            address subject = p.subject;
            Member storage m = _members[subject];
            // An Admit applies only to a non-member (one open application at a time keeps it so); a Remove only to
            // the subject's admission it was voted on.
            bool admit = kind == ProposalKind.Admit;
            if (admit ? m.active : !m.active || m.admission > p.snapshot) revert FederationProposalStale(id);
            if (admit) {
                _admit(subject, m, id);
            } else {
                _deactivate(subject, m);
                emit MemberRemoved(subject, id);
            }
        }
        emit ProposalExecuted(id);
    }

    // ------------------------------------------------------------------------------------------------ CHECK-INS

    /// @inheritdoc IFederation
    function checkIn(address disco, uint32 period, bytes32 digest, Figures calldata figures) external {
        Member storage m = _activeMember(disco);
        IValueLedger ledger = IValueLedger(m.ledger);
        if (
            !IAccessControl(address(ledger)).hasRole(_TREASURER_ROLE, msg.sender) &&
            !IAccessControl(m.audit).hasRole(_AUDITOR_ROLE, msg.sender)
        ) revert FederationUnauthorized(msg.sender, disco);
        if (digest == bytes32(0)) revert FederationEmptyDigest();
        if (figures.bindingMembers > figures.members) {
            revert FederationInvalidFigures(figures.members, figures.bindingMembers);
        }
        if (!ledger.isFinal(period)) revert FederationPeriodNotFinal(disco, period);
        BitMaps.BitMap storage done = _checkIns[disco];
        if (done.get(period)) revert FederationAlreadyCheckedIn(disco, period);
        done.set(period);
        emit CheckedIn(disco, period, digest, figures, msg.sender);
    }

    /// @inheritdoc IFederation
    function confirmCheckIn(address confirmer, address disco, uint32 period) external {
        _judge(confirmer, disco, period, Verdict.Confirmed);
        emit CheckInConfirmed(disco, period, confirmer, msg.sender);
    }

    /// @inheritdoc IFederation
    function challengeCheckIn(
        address challenger,
        address disco,
        uint32 period,
        uint8 figure,
        string calldata reason
    ) external {
        if (figure > uint8(type(Figure).max)) revert FederationInvalidFigure(figure);
        _judge(challenger, disco, period, Verdict.Challenged);
        emit CheckInChallenged(disco, period, challenger, Figure(figure), reason, msg.sender);
    }

    // ------------------------------------------------------------------------------------------------ TRUST

    /// @inheritdoc IFederation
    function setTrust(address from, address to, uint8 value) external {
        if (value > MAX_TRUST) revert FederationInvalidTrust(value);
        Member storage m = _activeMember(from);
        if (from == to) revert FederationOwnDisCO(from);
        Member storage n = _activeMember(to);
        Trust storage t = _trust[from][to];
        (uint32 fromAdmission, uint32 toAdmission) = (m.admission, n.admission);
        if (msg.sender != m.timelock) {
            if (!IAccessControl(m.ledger).hasRole(_TREASURER_ROLE, msg.sender)) {
                revert FederationUnauthorized(msg.sender, from);
            }
            uint8 bound = m.treasurerTrustBound;
            if (value > bound) revert FederationTrustOverBound(from, value, bound);
            uint8 current = _current(t, fromAdmission, toAdmission);
            if (current > bound) revert FederationTrustOverBound(from, current, bound);
        }
        (t.value, t.fromAdmission, t.toAdmission) = (value, fromAdmission, toAdmission);
        emit TrustSet(from, to, value, msg.sender);
    }

    /// @inheritdoc IFederation
    function setTreasurerTrustBound(address disco, uint8 bound) external {
        Member storage m = _members[disco];
        if (msg.sender != m.timelock) revert FederationUnauthorized(msg.sender, disco);
        if (bound > MAX_TRUST) revert FederationInvalidTrust(bound);
        m.treasurerTrustBound = bound;
        emit TreasurerTrustBoundSet(disco, bound);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc IFederation
    function factory() external view returns (address) {
        return _factory();
    }

    /// @inheritdoc IFederation
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IFederation
    function charter() external view returns (string memory uri, bytes32 hash) {
        return (_charter.uri, _charter.hash);
    }

    /// @inheritdoc IFederation
    function votingPeriod() external view returns (uint32) {
        return _votingPeriod;
    }

    /// @inheritdoc IFederation
    function proposalCount() external view returns (uint256) {
        return _proposalCount;
    }

    /// @inheritdoc IFederation
    function proposal(uint256 id) external view returns (Proposal memory) {
        return _proposal(id);
    }

    /// @inheritdoc IFederation
    function state(uint256 id) external view returns (ProposalState) {
        return _state(_proposal(id));
    }

    /// @inheritdoc IFederation
    function hasVoted(uint256 id, address disco) external view returns (bool) {
        uint256 index = _members[disco].index;
        return index != 0 && _votes[id].get(index);
    }

    /// @inheritdoc IFederation
    function memberOf(address disco) external view returns (Member memory) {
        return _members[disco];
    }

    /// @inheritdoc IFederation
    function isMember(address disco) external view returns (bool) {
        return _members[disco].active;
    }

    /// @inheritdoc IFederation
    function memberCount() external view returns (uint256) {
        return _memberCount;
    }

    /// @inheritdoc IFederation
    function checkedIn(address disco, uint32 period) external view returns (bool) {
        return _checkIns[disco].get(period);
    }

    /// @inheritdoc IFederation
    function verdictOf(address disco, uint32 period, address peer) external view returns (Verdict) {
        uint256 index = _members[peer].index;
        if (index == 0) return Verdict.None;
        return Verdict((_verdicts[disco][period][index >> 7] >> ((index & 127) << 1)) & 3);
    }

    /// @inheritdoc IFederation
    function trustOf(address from, address to) external view returns (uint8) {
        (Member storage m, Member storage n) = (_members[from], _members[to]);
        if (!m.active || !n.active) return 0;
        return _current(_trust[from][to], m.admission, n.admission);
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev Resolves the DisCO whose timelock is `timelock` through the factory's registry, and records the contracts
    /// it acts through: its governor's clone arguments name its membership (its id), ledger and audit registry.
    function _register(address timelock) private returns (address disco, Member storage m) {
        address governor = IDisCOFactory(_factory()).governorOf(timelock);
        if (governor == address(0)) revert FederationNotDisCO(timelock);
        disco = CloneArgs.addressOf(governor, _MEMBERSHIP_ARG);
        m = _members[disco];
        if (m.active) revert FederationAlreadyMember(disco);
        m.timelock = timelock;
        m.ledger = CloneArgs.addressOf(governor, _LEDGER_ARG);
        m.audit = CloneArgs.addressOf(governor, _AUDIT_ARG);
    }

    /// @dev Makes `disco` a member: its index on its first admission, a new admission number each time.
    function _admit(address disco, Member storage m, uint256 proposalId) internal {
        uint32 index = m.index;
        if (index == 0) {
            index = ++_lastIndex;
            m.index = index;
        }
        uint32 admission = ++_admissions;
        m.admission = admission;
        m.active = true;
        ++_memberCount;
        emit MemberAdmitted(disco, proposalId, index, admission, m.timelock, m.ledger, m.audit);
    }

    /// @dev Ends a membership: its delegate is cleared, and its trust lapses with its admission (see Trust).
    function _deactivate(address disco, Member storage m) private {
        m.active = false;
        // An active member was counted when admitted: the count is at least one.
        unchecked {
            --_memberCount;
        }
        if (m.delegate != address(0)) {
            m.delegate = address(0);
            emit DelegateSet(disco, address(0));
        }
    }

    /// @dev A trust value if it was set on the given admissions of both DisCOs, else 0.
    function _current(Trust storage t, uint32 fromAdmission, uint32 toAdmission) private view returns (uint8) {
        return t.fromAdmission == fromAdmission && t.toAdmission == toAdmission ? t.value : 0;
    }

    function _propose(
        address proposer,
        ProposalKind kind,
        address subject,
        string memory uri,
        bytes32 hash
    ) private returns (uint256 id) {
        id = ++_proposalCount;
        Proposal storage p = _proposals[id];
        (uint32 snapshot, uint32 electorate) = (_admissions, _memberCount);
        uint48 deadline = uint48(block.timestamp) + _votingPeriod;
        p.subject = subject;
        p.kind = kind;
        p.snapshot = snapshot;
        p.deadline = deadline;
        p.electorate = electorate;
        if (kind == ProposalKind.Charter) {
            p.charterHash = hash;
            p.charterURI = uri;
        }
        emit ProposalCreated(id, proposer, kind, subject, uri, hash, snapshot, electorate, deadline, msg.sender);
    }

    /// @dev Records a peer's verdict: two bits at the peer's index in the check-in's verdict words.
    function _judge(address peer, address disco, uint32 period, Verdict verdict) private {
        Member storage m = _activeMember(peer);
        if (peer == disco) revert FederationOwnDisCO(disco);
        if (!IAccessControl(m.audit).hasRole(_AUDITOR_ROLE, msg.sender))
            revert FederationUnauthorized(msg.sender, peer);
        if (!_checkIns[disco].get(period)) revert FederationUnknownCheckIn(disco, period);
        uint256 index = m.index;
        mapping(uint256 word => uint256 bits) storage words = _verdicts[disco][period];
        uint256 shift = (index & 127) << 1;
        uint256 bits = words[index >> 7];
        if ((bits >> shift) & 3 != 0) revert FederationAlreadyJudged(disco, period, peer);
        words[index >> 7] = bits | (uint256(verdict) << shift);
    }

    function _setCharter(string memory uri, bytes32 hash) private {
        _checkCharter(uri, hash);
        (_charter.uri, _charter.hash) = (uri, hash);
        emit CharterSet(uri, hash);
    }

    function _checkCharter(string memory uri, bytes32 hash) private pure {
        if (bytes(uri).length == 0) revert FederationEmptyCharterURI();
        if (hash == bytes32(0)) revert FederationEmptyCharterHash();
    }

    function _activeMember(address disco) private view returns (Member storage m) {
        m = _members[disco];
        if (!m.active) revert FederationNotMember(disco);
    }

    /// @dev Proposals and votes: the DisCO's timelock or its delegate.
    function _requireVoter(Member storage m, address disco) private view {
        if (msg.sender != m.timelock && msg.sender != m.delegate) revert FederationUnauthorized(msg.sender, disco);
    }

    function _proposal(uint256 id) private view returns (Proposal storage p) {
        if (id == 0 || id > _proposalCount) revert FederationUnknownProposal(id);
        return _proposals[id];
    }

    function _state(Proposal storage p) private view returns (ProposalState) {
        if (p.executed) return ProposalState.Executed;
        if (p.withdrawn) return ProposalState.Withdrawn;
        uint256 electorate = p.electorate;
        if (uint256(p.forVotes) * 2 > electorate) {
            // The execution window: one more voting period after the deadline.
            return block.timestamp > uint256(p.deadline) + _votingPeriod ? ProposalState.Expired : ProposalState.Passed;
        }
        if (uint256(p.againstVotes) * 2 >= electorate || block.timestamp > p.deadline) return ProposalState.Defeated;
        return ProposalState.Active;
    }

    /// @dev The factory that founded this clone, its argument 0.
    function _factory() private view returns (address) {
        return CloneArgs.addressAt(0);
    }
}
