// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Federation} from "../../contracts/federation/Federation.sol";
import {MutualCredit} from "../../contracts/credit/MutualCredit.sol";
import {IMutualCredit} from "../../contracts/interfaces/IMutualCredit.sol";
import {Test} from "../utils/Test.sol";

/// @title CreditHandler
/// @notice Drives a federation's credit network of four DisCOs (0-2 members at the start, 3 outside; 1 or 2 may
/// leave) with every action, each by a hand drawn from everyone around: each DisCO's timelock and treasurer and an
/// outsider. It keeps its own model of the rules (who may act for whom, lines, budgets, balances) and records a
/// violation whenever the network's answer differs from the model's, in either direction: a call that succeeds
/// which the model refuses, or fails which the model allows. After a failed call it checks that nothing moved.
contract CreditHandler is Test {
    uint256 public constant N = 4;
    uint64 public constant MAX_AMOUNT = 3_000;
    uint64 public constant MAX_LINE = 10_000;

    MutualCredit public immutable credit;
    Federation public immutable federation;
    uint8 public immutable maxHops;

    address[N] internal _ids;
    address[N] internal _timelocks;
    address[N] internal _treasurers;
    address internal _outsider;

    bool[N] public ghostActive;
    mapping(uint256 giver => mapping(uint256 receiver => uint64)) public ghostLine;
    mapping(uint256 giver => mapping(uint256 receiver => bool)) public ghostFrozen;
    /// @dev i's balance toward j, both sides kept.
    mapping(uint256 i => mapping(uint256 j => int256)) public ghostBalance;
    uint64[N] public ghostBudget;
    uint64[N] public ghostBound;
    uint64[N] public ghostSpent;
    uint32[N] public ghostPeriod;

    uint256 public violations;
    string public firstViolation;
    /// @dev How many calls of each kind succeeded: a campaign that never pays tests little.
    uint256 public payments;
    uint256 public clearings;
    uint256 public refusals;

    constructor(
        MutualCredit credit_,
        Federation federation_,
        address[N] memory ids,
        address[N] memory timelocks,
        address[N] memory treasurers
    ) {
        credit = credit_;
        federation = federation_;
        maxHops = credit_.maxHops();
        (_ids, _timelocks, _treasurers) = (ids, timelocks, treasurers);
        for (uint256 i = 0; i < N; ++i) {
            ghostActive[i] = federation_.isMember(ids[i]);
            for (uint256 j = 0; j < N; ++j) if (i != j) (ghostLine[i][j], ) = credit_.lineOf(ids[i], ids[j]);
        }
        _outsider = _makeAddr("outsider");
    }

    // ------------------------------------------------------------------------------------------------ ACTIONS

    function setCreditLine(uint256 actorSeed, uint256 g, uint256 r, uint64 limit) external {
        (g, r) = (g % N, r % N);
        limit = uint64(_bound(limit, 0, MAX_LINE));
        address actor = _actor(actorSeed, g);
        bool allowed = g != r && _canLine(actor, g, r, ghostLine[g][r], limit);
        bytes32 before = _state();
        vm.prank(actor);
        try credit.setCreditLine(_ids[g], _ids[r], limit) {
            _expect(allowed, "a line set by a hand the rules refuse");
            ghostLine[g][r] = limit;
        } catch {
            _refused(allowed, before, "a line refused");
        }
    }

    function freezeCreditLine(uint256 actorSeed, uint256 g, uint256 r, bool frozen) external {
        (g, r) = (g % N, r % N);
        address actor = _actor(actorSeed, g);
        uint64 current = ghostLine[g][r];
        // Treasurers freeze; only the members' vote thaws.
        bool allowed = g != r && _canLine(actor, g, r, current, current) && (frozen || actor != _treasurers[g]);
        bytes32 before = _state();
        vm.prank(actor);
        try credit.freezeCreditLine(_ids[g], _ids[r], frozen) {
            _expect(allowed, "a line frozen by a hand the rules refuse");
            ghostFrozen[g][r] = frozen;
        } catch {
            _refused(allowed, before, "a freeze refused");
        }
    }

    function setTreasurerLimits(uint256 actorSeed, uint256 d, uint64 budget, uint64 bound) external {
        d %= N;
        budget = uint64(_bound(budget, 0, 3 * MAX_AMOUNT));
        bound = uint64(_bound(bound, 0, MAX_LINE));
        address actor = _actor(actorSeed, d);
        bool allowed = ghostActive[d] && actor == _timelocks[d];
        vm.prank(actor);
        try credit.setTreasurerLimits(_ids[d], budget, bound) {
            _expect(allowed, "limits set by a hand the rules refuse");
            (ghostBudget[d], ghostBound[d]) = (budget, bound);
        } catch {
            _expect(!allowed, "limits refused");
        }
    }

    /// @dev Mostly a path of 1 or 2 hops through distinct DisCOs among the first three; one time
    /// in eight, 1 to maxHops + 1 hops drawn freely (so repeated nodes and over-long paths are tried too).
    function pay(uint256 actorSeed, uint256 nodeSeed, uint256 hopsSeed, uint64 amount) external {
        bool free = hopsSeed % 8 == 0;
        uint256 hops = free ? 1 + ((hopsSeed >> 8) % (maxHops + 1)) : 1 + ((hopsSeed >> 8) % 2);
        address[] memory path = new address[](hops + 1);
        uint256[] memory idx = new uint256[](hops + 1);
        // Around the three first DisCOs (the founding members), either way.
        uint256 step = nodeSeed % 2 == 0 ? 1 : 2;
        for (uint256 i = 0; i <= hops; ++i) {
            idx[i] = free ? (nodeSeed >> (8 * i)) % N : ((nodeSeed >> 8) + i * step) % 3;
            path[i] = _ids[idx[i]];
        }
        amount = uint64(_bound(amount, 0, MAX_AMOUNT));
        address actor = _actor(actorSeed, idx[0]);
        (bool allowed, bool treasurer) = _canPay(actor, idx, hops, amount);
        bytes32 before = _state();
        vm.prank(actor);
        try credit.pay(path[0], path[hops], path, amount, "fuzz") {
            _expect(allowed, "a payment the rules refuse");
            for (uint256 i = 0; i < hops; ++i) {
                _move(idx[i], idx[i + 1], -int256(uint256(amount)));
                // Never past the line the next node extends at the time of the hop.
                uint64 line = ghostFrozen[idx[i + 1]][idx[i]] ? 0 : ghostLine[idx[i + 1]][idx[i]];
                if (credit.balanceOf(path[i], path[i + 1]) < -int256(uint256(line))) _violation("a hop past its line");
            }
            if (treasurer) {
                uint32 period = _period();
                ghostSpent[idx[0]] = (ghostPeriod[idx[0]] == period ? ghostSpent[idx[0]] : 0) + amount;
                ghostPeriod[idx[0]] = period;
                if (ghostSpent[idx[0]] > ghostBudget[idx[0]]) _violation("a treasurer over budget");
            }
            ++payments;
        } catch {
            _refused(allowed, before, "a payment refused");
        }
    }

    /// @dev The three first DisCOs each pay the next directly, by their timelocks (through `pay`, so checked
    /// alike): trade that leaves a cycle of debts for clearCycle, which random payments seldom make.
    function tradeAround(uint256 startSeed, uint64 amount) external {
        for (uint256 k = 0; k < 3; ++k) this.pay(0, ((startSeed + k) % 3) << 8, 1, amount);
    }

    /// @dev A cycle through three distinct DisCOs (mostly the first three), by anyone: the orientation that owes
    /// around, when one does, else a drawn one.
    function clearCycle(uint256 orderSeed, uint256 skip, uint64 amount) external {
        uint256[] memory idx = new uint256[](4);
        uint256 k;
        skip = skip % 4 == 0 ? skip % N : 3;
        for (uint256 i = 0; i < N; ++i) if (i != skip) idx[k++] = i;
        idx[3] = idx[0];
        if (_least(idx) <= 0) (idx[1], idx[2]) = (idx[2], idx[1]);
        if (_least(idx) <= 0 && orderSeed % 2 == 1) (idx[1], idx[2]) = (idx[2], idx[1]);
        // Mostly an amount the cycle can clear (when it can), else any.
        int256 least = _least(idx);
        if (least > 0 && amount % 4 != 0) amount = uint64(1 + (amount % uint256(least)));
        else amount = uint64(_bound(amount, 0, MAX_AMOUNT));
        bool allowed = amount != 0;
        address[] memory cycle = new address[](4);
        for (uint256 i = 0; i < 4; ++i) {
            cycle[i] = _ids[idx[i]];
            if (i < 3 && ghostBalance[idx[i]][idx[i + 1]] > -int256(uint256(amount))) allowed = false;
        }
        int256[N] memory nets = _nets();
        bytes32 before = _state();
        vm.prank(_outsider);
        try credit.clearCycle(cycle, amount) {
            _expect(allowed, "a clearing the rules refuse");
            for (uint256 i = 0; i < 3; ++i) _move(idx[i], idx[i + 1], int256(uint256(amount)));
            int256[N] memory after_ = _nets();
            for (uint256 i = 0; i < N; ++i) if (after_[i] != nets[i]) _violation("a clearing moved a net position");
            ++clearings;
        } catch {
            _refused(allowed, before, "a clearing refused");
        }
    }

    /// @dev DisCO 1 or 2 leaves by its timelock, one call in eight (0 stays, so that the federation lives on).
    function leave(uint256 d) external {
        if (d % 8 != 0) return;
        d = 1 + ((d >> 8) % 2);
        if (!ghostActive[d]) return;
        vm.prank(_timelocks[d]);
        federation.leave(_ids[d]);
        ghostActive[d] = false;
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + _bound(secondsSeed, 1, 20 days));
    }

    // ------------------------------------------------------------------------------------------------ MODEL

    function idAt(uint256 i) external view returns (address) {
        return _ids[i];
    }

    function _canLine(address actor, uint256 g, uint256 r, uint64 current, uint64 limit) private view returns (bool) {
        if (!ghostActive[g] || !ghostActive[r]) return false;
        if (actor == _timelocks[g]) return true;
        return actor == _treasurers[g] && limit <= ghostBound[g] && current <= ghostBound[g];
    }

    function _canPay(
        address actor,
        uint256[] memory idx,
        uint256 hops,
        uint64 amount
    ) private view returns (bool allowed, bool treasurer) {
        uint256 payer = idx[0];
        if (amount == 0 || hops > maxHops || !ghostActive[payer]) return (false, false);
        treasurer = actor == _treasurers[payer];
        if (actor != _timelocks[payer] && !treasurer) return (false, false);
        if (treasurer) {
            uint64 spent = ghostPeriod[payer] == _period() ? ghostSpent[payer] : 0;
            if (uint256(spent) + amount > ghostBudget[payer]) return (false, treasurer);
        }
        for (uint256 i = 1; i <= hops; ++i) {
            (uint256 from, uint256 to) = (idx[i - 1], idx[i]);
            if (!ghostActive[to]) return (false, treasurer);
            for (uint256 j = 0; j < i; ++j) if (idx[j] == to) return (false, treasurer);
            uint64 line = ghostFrozen[to][from] ? 0 : ghostLine[to][from];
            if (ghostBalance[from][to] - int256(uint256(amount)) < -int256(uint256(line))) return (false, treasurer);
        }
        return (true, treasurer);
    }

    /// @dev The least that any node on the cycle owes the next (negative: one is owed instead).
    function _least(uint256[] memory idx) private view returns (int256 least) {
        least = type(int256).max;
        for (uint256 i = 0; i < 3; ++i) {
            int256 owed = -ghostBalance[idx[i]][idx[i + 1]];
            if (owed < least) least = owed;
        }
    }

    function _move(uint256 from, uint256 to, int256 delta) private {
        ghostBalance[from][to] += delta;
        ghostBalance[to][from] -= delta;
    }

    function _nets() private view returns (int256[N] memory nets) {
        for (uint256 i = 0; i < N; ++i) {
            for (uint256 j = 0; j < N; ++j) if (i != j) nets[i] += credit.balanceOf(_ids[i], _ids[j]);
        }
    }

    /// @dev Every pair's word and every DisCO's treasurers' record, hashed: what a refused call must leave alone.
    function _state() private view returns (bytes32 h) {
        for (uint256 i = 0; i < N; ++i) {
            h = keccak256(abi.encode(h, credit.treasurersOf(_ids[i])));
            for (uint256 j = 0; j < N; ++j) {
                if (i == j) continue;
                (uint64 limit, bool frozen) = credit.lineOf(_ids[i], _ids[j]);
                h = keccak256(abi.encode(h, credit.balanceOf(_ids[i], _ids[j]), limit, frozen));
            }
        }
    }

    function _refused(bool allowed, bytes32 before, string memory what) private {
        _expect(!allowed, what);
        if (_state() != before) _violation("a refused call changed something");
        ++refusals;
    }

    function _period() private view returns (uint32) {
        return uint32(block.timestamp / 30 days);
    }

    /// @dev The timelock (half the time) or the treasurer of DisCO `d`, or another's, or the outsider.
    function _actor(uint256 seed, uint256 d) private view returns (address) {
        uint256 pick = seed % 8;
        if (pick < 2) return _timelocks[d];
        if (pick < 4) return _treasurers[d];
        if (pick == 4) return _timelocks[(d + 1) % N];
        if (pick == 5) return _treasurers[(d + 1) % N];
        return _outsider;
    }

    function _expect(bool condition, string memory what) private {
        if (!condition) _violation(what);
    }

    function _violation(string memory what) private {
        if (violations == 0) firstViolation = what;
        ++violations;
    }
}
