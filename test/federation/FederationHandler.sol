// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Federation} from "../../contracts/federation/Federation.sol";
import {IDisCOFactory} from "../../contracts/interfaces/IDisCOFactory.sol";
import {IFederation} from "../../contracts/interfaces/IFederation.sol";
import {Test} from "../utils/Test.sol";

/// @title FederationHandler
/// @notice Drives a federation of four factory-made DisCOs (three members and one outside at the start) with every
/// action, each by an actor drawn from everyone around them: each DisCO's timelock, treasurer and auditor, two
/// delegates and an outsider. It keeps a model of what the rules allow (who may act for whom) and records a
/// violation when a call succeeds that the model forbids; the model's state (membership, delegates, bounds, trust,
/// check-ins, verdicts, votes) is what the invariants compare the federation with. Leaving and rejoining, removals,
/// withdrawn applications and proposals outliving their execution window all happen in a campaign: a DisCO that
/// leaves or is removed loses its delegate and the trust from and toward it, in the model as in the federation.
contract FederationHandler is Test {
    /// @dev Periods 1 to 3 of every DisCO are final when the campaign starts.
    uint32 public constant PERIODS = 3;

    Federation public immutable federation;
    uint256 public immutable count;

    address[] internal _ids;
    address[] internal _timelocks;
    address[] internal _treasurers;
    address[] internal _auditors;
    address[] internal _actors;
    address[3] internal _delegatePool;

    mapping(address disco => bool) public ghostActive;
    mapping(address disco => address) public ghostDelegate;
    mapping(address disco => uint8) public ghostBound;
    mapping(address from => mapping(address to => uint8)) public ghostTrust;
    mapping(address disco => mapping(uint32 period => bool)) public ghostCheckedIn;
    mapping(address disco => mapping(uint32 period => mapping(address peer => IFederation.Verdict)))
        public ghostVerdict;
    mapping(uint256 id => mapping(address disco => bool)) public ghostVoted;
    mapping(uint256 id => uint256) public ghostVotes;
    mapping(uint256 id => bool) public ghostWithdrawn;
    /// @dev The last executed Charter proposal.
    uint256 public ghostLastCharter;
    /// @dev Each DisCO's latest application.
    mapping(address disco => uint256 id) public ghostApplication;

    uint256 public violations;
    string public firstViolation;

    constructor(
        Federation federation_,
        IDisCOFactory.DisCO[] memory discos,
        address[] memory treasurers,
        address[] memory auditors
    ) {
        federation = federation_;
        count = discos.length;
        for (uint256 i = 0; i < discos.length; ++i) {
            _ids.push(discos[i].membership);
            _timelocks.push(discos[i].timelock);
            _treasurers.push(treasurers[i]);
            _auditors.push(auditors[i]);
            _actors.push(discos[i].timelock);
            _actors.push(treasurers[i]);
            _actors.push(auditors[i]);
            ghostActive[discos[i].membership] = federation_.isMember(discos[i].membership);
        }
        // The votes that admitted the members before the campaign.
        for (uint256 id = 1; id <= federation_.proposalCount(); ++id) {
            IFederation.Proposal memory p = federation_.proposal(id);
            ghostVotes[id] = uint256(p.forVotes) + p.againstVotes;
            for (uint256 i = 0; i < discos.length; ++i) {
                ghostVoted[id][_ids[i]] = federation_.hasVoted(id, _ids[i]);
            }
        }
        _delegatePool = [address(0), _makeAddr("delegate A"), _makeAddr("delegate B")];
        _actors.push(_delegatePool[1]);
        _actors.push(_delegatePool[2]);
        _actors.push(_makeAddr("outsider"));
    }

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @dev Half the time by a DisCO's timelock (a member's is refused), else by anyone around.
    function applyToJoin(uint256 discoSeed, uint256 actorSeed) external {
        if (_openProposal()) return;
        (, uint256 d) = _disco(discoSeed);
        address actor = _hand(actorSeed, _timelocks[d]);
        vm.prank(actor);
        try federation.applyToJoin("apply") returns (uint256 id) {
            (bool isTimelock, uint256 applicant) = _timelockIndex(actor);
            if (!isTimelock) _violation("applied by something but a DisCO's timelock");
            else if (ghostActive[_ids[applicant]]) _violation("a member applied");
            else ghostApplication[_ids[applicant]] = id;
        } catch {}
    }

    /// @dev The applicant's latest application, withdrawn by its hand only, while it is open.
    function withdrawApplication(uint256 discoSeed, uint256 actorSeed) external {
        (address disco, uint256 d) = _disco(discoSeed);
        address actor = _hand(actorSeed, _timelocks[d]);
        uint256 id = ghostApplication[disco];
        vm.prank(actor);
        try federation.withdrawApplication(disco) {
            if (actor != _timelocks[d]) _violation("an application withdrawn by another's hand");
            if (ghostActive[disco]) _violation("a member withdrew an application");
            if (id == 0 || ghostWithdrawn[id]) _violation("withdrawn with no open application");
            if (!federation.proposal(id).withdrawn) _violation("another than the latest application withdrawn");
            ghostWithdrawn[id] = true;
        } catch {}
    }

    function leave(uint256 discoSeed, uint256 actorSeed) external {
        // Two members stay, so that the federation lives on to decide; a refused leave is tried by anyone.
        (address disco, uint256 d) = _disco(discoSeed);
        if (federation.memberCount() <= 2 && ghostActive[disco]) return;
        address actor = _hand(actorSeed, _timelocks[d]);
        vm.prank(actor);
        try federation.leave(disco) {
            if (actor != _timelocks[d]) _violation("a DisCO left by another's hand");
            if (!ghostActive[disco]) _violation("a non-member left");
            _end(disco);
        } catch {}
    }

    /// @dev A member leaves and at once applies to come back (two decisions of its own), so that campaigns see
    /// DisCOs rejoin (and the trust and delegates they had not come back with them).
    function leaveAndApply(uint256 discoSeed) external {
        (address disco, uint256 d) = _disco(discoSeed);
        if (!ghostActive[disco] || federation.memberCount() <= 2 || _openProposal()) return;
        vm.prank(_timelocks[d]);
        federation.leave(disco);
        _end(disco);
        vm.prank(_timelocks[d]);
        ghostApplication[disco] = federation.applyToJoin("back");
    }

    function setDelegate(uint256 discoSeed, uint256 actorSeed, uint256 delegateSeed) external {
        (address disco, uint256 d) = _disco(discoSeed);
        address actor = _hand(actorSeed, _timelocks[d]);
        address delegate = _delegatePool[delegateSeed % 3];
        vm.prank(actor);
        try federation.setDelegate(disco, delegate) {
            if (actor != _timelocks[d]) _violation("a delegate named by another's hand");
            ghostDelegate[disco] = delegate;
        } catch {}
    }

    function propose(uint256 discoSeed, uint256 actorSeed, bool remove, uint256 subjectSeed) external {
        if (_openProposal()) return;
        (address disco, uint256 d) = _disco(discoSeed);
        (address subject, ) = _disco(subjectSeed);
        address actor = _hand(actorSeed, _voter(actorSeed, d));
        uint8 kind = uint8(remove ? IFederation.ProposalKind.Remove : IFederation.ProposalKind.Charter);
        vm.prank(actor);
        try
            federation.propose(
                disco,
                kind,
                remove ? subject : address(0),
                remove ? "" : "ipfs://charter-next",
                remove ? bytes32(0) : keccak256("next")
            )
        {
            if (!_votesFor(actor, d)) _violation("proposed by neither the timelock nor the delegate");
            if (!ghostActive[disco]) _violation("a non-member proposed");
        } catch {}
    }

    /// @dev For three times in four, so that proposals pass and are executed as well as defeated.
    function vote(uint256 idSeed, uint256 discoSeed, uint256 actorSeed, uint256 supportSeed) external {
        bool support = supportSeed % 4 != 0;
        uint256 id = _recent(idSeed);
        (address disco, uint256 d) = _disco(discoSeed);
        _vote(id, disco, d, _hand(actorSeed, _voter(actorSeed, d)), support);
    }

    /// @dev Every DisCO votes the same way through its timelock, as its members decided: so that within a campaign's
    /// few calls proposals pass (and are executed, or outlive their window) often enough.
    function voteAll(uint256 idSeed, uint256 supportSeed) external {
        uint256 id = _recent(idSeed);
        for (uint256 d = 0; d < count; ++d) _vote(id, _ids[d], d, _timelocks[d], supportSeed % 4 != 0);
    }

    /// @dev By anyone: the federation's decisions are the only way but a DisCO's own that membership changes. Only
    /// within the execution window, never withdrawn, never on a state the vote did not see.
    function execute(uint256 idSeed) external {
        uint256 id = _recent(idSeed);
        if (id == 0 || id > federation.proposalCount()) {
            try federation.execute(id) {
                _violation("an unknown proposal executed");
            } catch {}
            return;
        }
        IFederation.Proposal memory p = federation.proposal(id);
        uint32 admission = federation.memberOf(p.subject).admission;
        try federation.execute(id) {
            if (block.timestamp > uint256(p.deadline) + federation.votingPeriod()) _violation("executed too late");
            if (ghostWithdrawn[id]) _violation("a withdrawn application executed");
            if (uint256(p.forVotes) * 2 <= p.electorate) _violation("executed without a majority");
            if (p.kind == IFederation.ProposalKind.Admit) {
                if (ghostActive[p.subject]) _violation("a member admitted again");
                ghostActive[p.subject] = true;
            } else if (p.kind == IFederation.ProposalKind.Remove) {
                if (!ghostActive[p.subject] || admission > p.snapshot) _violation("a stale Remove executed");
                _end(p.subject);
            } else {
                if (id < ghostLastCharter) _violation("an older charter after a newer one");
                ghostLastCharter = id;
            }
        } catch {}
    }

    function checkIn(uint256 discoSeed, uint256 actorSeed, uint256 periodSeed) external {
        (address disco, uint256 d) = _disco(discoSeed);
        address actor = _hand(actorSeed, (actorSeed >> 1) % 2 == 0 ? _treasurers[d] : _auditors[d]);
        uint32 period = uint32(_bound(periodSeed, 1, PERIODS + 1));
        vm.prank(actor);
        try federation.checkIn(disco, period, keccak256(abi.encode(disco, period)), _figures()) {
            if (actor != _treasurers[d] && actor != _auditors[d]) _violation("checked in by another's hand");
            if (!ghostActive[disco]) _violation("a non-member checked in");
            if (period > PERIODS) _violation("a period not final checked in");
            if (ghostCheckedIn[disco][period]) _violation("a period checked in twice");
            ghostCheckedIn[disco][period] = true;
        } catch {}
    }

    function judge(uint256 peerSeed, uint256 discoSeed, uint256 periodSeed, uint256 actorSeed, bool confirm) external {
        (address peer, uint256 k) = _disco(peerSeed);
        (address disco, ) = _disco(discoSeed);
        address actor = _hand(actorSeed, _auditors[k]);
        uint32 period = uint32(_bound(periodSeed, 1, PERIODS));
        bool ok;
        vm.prank(actor);
        if (confirm) {
            try federation.confirmCheckIn(peer, disco, period) {
                ok = true;
            } catch {}
        } else {
            try federation.challengeCheckIn(peer, disco, period, uint8(IFederation.Figure.MoneyIn), "differs") {
                ok = true;
            } catch {}
        }
        if (!ok) return;
        if (actor != _auditors[k]) _violation("a verdict by another's hand");
        if (!ghostActive[peer] || peer == disco) _violation("a verdict by a non-member or on its own check-in");
        if (!ghostCheckedIn[disco][period]) _violation("a verdict on no check-in");
        if (ghostVerdict[disco][period][peer] != IFederation.Verdict.None) _violation("a verdict changed");
        ghostVerdict[disco][period][peer] = confirm ? IFederation.Verdict.Confirmed : IFederation.Verdict.Challenged;
    }

    function setTrust(uint256 fromSeed, uint256 toSeed, uint256 actorSeed, uint256 valueSeed) external {
        (address from, uint256 f) = _disco(fromSeed);
        (address to, ) = _disco(toSeed);
        address actor = _hand(actorSeed, (actorSeed >> 1) % 2 == 0 ? _timelocks[f] : _treasurers[f]);
        uint8 value = uint8(_bound(valueSeed, 0, 110));
        vm.prank(actor);
        try federation.setTrust(from, to, value) {
            bool byTimelock = actor == _timelocks[f];
            uint8 bound = ghostBound[from];
            bool byTreasurer = actor == _treasurers[f] && value <= bound && ghostTrust[from][to] <= bound;
            if (!byTimelock && !byTreasurer) _violation("trust set by another's hand or over the bound");
            if (!ghostActive[from] || !ghostActive[to] || from == to || value > 100) _violation("trust set invalid");
            ghostTrust[from][to] = value;
        } catch {}
    }

    function setTreasurerTrustBound(uint256 discoSeed, uint256 actorSeed, uint256 boundSeed) external {
        (address disco, uint256 d) = _disco(discoSeed);
        address actor = _hand(actorSeed, _timelocks[d]);
        uint8 bound = uint8(_bound(boundSeed, 0, 110));
        vm.prank(actor);
        try federation.setTreasurerTrustBound(disco, bound) {
            if (actor != _timelocks[d]) _violation("a bound set by another's hand");
            if (bound > 100) _violation("a bound over 100");
            ghostBound[disco] = bound;
        } catch {}
    }

    /// @dev Up to six days: proposals of a five-day voting period run out, and passed ones outlive their window.
    function wait(uint256 secondsSeed) external {
        vm.warp(block.timestamp + _bound(secondsSeed, 0, 6 days));
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function idAt(uint256 i) external view returns (address) {
        return _ids[i];
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev A DisCO leaves or is removed: it is no member, its delegate is cleared, and no trust holds from or
    /// toward it.
    function _end(address disco) internal {
        ghostActive[disco] = false;
        ghostDelegate[disco] = address(0);
        for (uint256 i = 0; i < count; ++i) {
            ghostTrust[disco][_ids[i]] = 0;
            ghostTrust[_ids[i]][disco] = 0;
        }
    }

    function _vote(uint256 id, address disco, uint256 d, address actor, bool support) internal {
        vm.prank(actor);
        try federation.vote(id, disco, support) {
            if (!_votesFor(actor, d)) _violation("voted by neither the timelock nor the delegate");
            if (!ghostActive[disco]) _violation("a non-member voted");
            if (ghostVoted[id][disco]) _violation("a member DisCO voted twice");
            ghostVoted[id][disco] = true;
            ++ghostVotes[id];
        } catch {}
    }

    function _votesFor(address actor, uint256 d) internal view returns (bool) {
        address delegate = ghostDelegate[_ids[d]];
        return actor == _timelocks[d] || (delegate != address(0) && actor == delegate);
    }

    /// @dev Half the time the hand the rules allow (`allowed`), else anyone around: so that allowed calls happen as
    /// often as refused ones.
    function _hand(uint256 seed, address allowed) internal view returns (address) {
        return seed % 2 == 0 ? allowed : _actor(seed >> 1);
    }

    /// @dev The DisCO's timelock, or its delegate when it names one.
    function _voter(uint256 seed, uint256 d) internal view returns (address) {
        address delegate = ghostDelegate[_ids[d]];
        return (seed >> 2) % 2 == 0 || delegate == address(0) ? _timelocks[d] : delegate;
    }

    /// @dev The last proposal half the time, else the one before or the next (unknown) one: where the votes are.
    function _recent(uint256 seed) internal view returns (uint256) {
        uint256 last = federation.proposalCount();
        uint256 pick = seed % 4;
        if (pick == 2 && last > 1) return last - 1;
        return pick == 3 ? last + 1 : last;
    }

    /// @dev Proposals are made one at a time in the campaign, so that votes gather on each and some pass.
    function _openProposal() internal view returns (bool) {
        uint256 last = federation.proposalCount();
        return last != 0 && federation.state(last) == IFederation.ProposalState.Active;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _disco(uint256 seed) internal view returns (address, uint256) {
        uint256 d = seed % count;
        return (_ids[d], d);
    }

    function _timelockIndex(address actor) internal view returns (bool, uint256) {
        for (uint256 i = 0; i < count; ++i) {
            if (_timelocks[i] == actor) return (true, i);
        }
        return (false, 0);
    }

    function _figures() internal pure returns (IFederation.Figures memory) {
        return
            IFederation.Figures({
                members: 5,
                bindingMembers: 3,
                payable_: [uint64(100), 20, 3],
                moneyIn: 1_000,
                moneyOut: 900,
                creditIn: 300,
                creditOut: 250
            });
    }

    function _violation(string memory what) internal {
        if (violations == 0) firstViolation = what;
        ++violations;
    }
}
