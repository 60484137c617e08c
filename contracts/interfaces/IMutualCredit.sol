// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IMutualCredit
/// @notice A federation's mutual-credit network (issue 17; Trustlines' layout, DESIGN "Mutual credit", invariant 7):
/// credit lines that one account extends to another, one signed balance per pair (so balances sum to zero by
/// construction), payments along a caller-supplied path checked all-or-nothing, cycle clearing by anyone, and
/// settlement of a debt in the DisCOs' currency.
/// @dev Created with its federation by DisCOFactory.createFederation, as a clone whose argument is the federation;
/// its settings (maxHops, memberAccounts) are sealed then. No owner, no admin, no loop over accounts.
///
/// Units: amounts, lines and balances are credit units of two decimals, "euro cents" (100 is one euro of the
/// currency); a settlement turns them into the currency's own units by its decimals.
///
/// Accounts: a member DisCO of the federation, named by its id (its membership address, as in the Federation); and,
/// when the federation's `memberAccounts` allows, a person who opened an account as a Committed member of a member
/// DisCO (`openAccount`). Whether an address is an account is checked now, on every action, from the federation's
/// record (authoritative): a DisCO that left, or a person whose DisCO left or who is no longer Committed there, is
/// no account: it can't pay, set lines, nor be a node of a payment (its lines carry nothing, so nobody goes further
/// into debt with it, nor it with anybody); its balances stay, and can be cleared in a cycle or settled.
///
/// Who acts for an account: a DisCO through its timelock (any action, by its members' vote) or its treasurers
/// (TREASURER_ROLE on its ledger): they pay within a budget per period, and set lines within a bound, both set by the
/// timelock; a person's account acts by the person alone. Treasurers set lines toward member DisCOs only (a line to
/// a person's account is the members' vote: else a treasurer holding an account could lend it the DisCO's credit
/// and pay through the DisCO outside the budget); they may freeze a line within their bound, and only the timelock
/// (or a person, their own line) unfreezes one.
///
/// Lines: a node's line is its consent. A payment moves each hop's balance within the line the next node extended;
/// an intermediate node's net position does not change (what it is owed by one neighbour it owes the next), and
/// extending a line is the consent to carry that. A line is not bounded by the federation's trust values (a value of
/// 0 to 100 with no unit): the SDK shows trust beside each line.
///
/// Known limits, by design: lowering a line is public before it is mined, so a receiver may pay first and keep the
/// debt the old line allowed (nothing is clawed back; a giver worried by that freezes or lowers through a private
/// transaction). A line a DisCO's treasurers set is credit the DisCO extends, up to lineBound per counterparty
/// DisCO, and that DisCO may use it to route payments through us (its own members' or treasurers' payments, not
/// counted in our budget): the bound is the exposure the members accept per counterparty. Clearing needs nobody's
/// consent: it changes no net position; so a settle vote can be overtaken by someone clearing a cycle through the
/// pair first (the debt falls below the voted amount and the proposal's batch reverts: the members vote again). A
/// person's debt can't be settled in money (settle needs a DisCO's timelock on both sides): it is cleared, or paid
/// down in credit. A DisCO that leaves and comes back finds its lines as they were (a line is its giver's consent;
/// a giver who doesn't want that freezes it), while the federation's trust from and toward it starts again at 0. A
/// settlement moves its balance before it calls the currency, so a currency that calls back finds the debt already
/// paid down.
interface IMutualCredit {
    /// @notice One pair's record, keyed by the lower address then the higher (one storage word).
    /// @param balance The lower address's balance toward the higher: positive when the higher owes it
    /// @param lowLimit The line the lower address extends to the higher (how far the higher may owe it)
    /// @param highLimit The line the higher address extends to the lower
    /// @param lowFrozen Whether the lower address froze its line (it then carries nothing)
    /// @param highFrozen Whether the higher address froze its line
    struct Pair {
        int96 balance;
        uint64 lowLimit;
        uint64 highLimit;
        bool lowFrozen;
        bool highFrozen;
    }

    /// @notice A DisCO's treasurers' allowance, set by its timelock, and what they spent (one storage word).
    /// @param budget Credit units the treasurers may pay per period
    /// @param lineBound The highest line the treasurers may set toward a member DisCO, or change or freeze from
    /// @param spent What they paid in `period`
    /// @param period The period of `spent` (block.timestamp / PERIOD)
    struct Treasurers {
        uint64 budget;
        uint64 lineBound;
        uint64 spent;
        uint32 period;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted once, when the factory creates the network with its federation: the sealed settings.
    event CreditNetworkFounded(address indexed federation, uint8 maxHops, bool memberAccounts);

    /// @notice Emitted when a person opens an account as a Committed member of the member DisCO `disco`.
    event AccountOpened(address indexed account, address indexed disco);

    /// @notice Emitted when a giver sets the line it extends to a receiver (`by` is who acted for it).
    event CreditLineSet(address indexed giver, address indexed receiver, uint64 limit, address by);

    /// @notice Emitted when a giver freezes or unfreezes the line it extends to a receiver.
    event CreditLineFrozen(address indexed giver, address indexed receiver, bool frozen, address by);

    /// @notice Emitted when a DisCO's timelock sets its treasurers' budget per period and line bound.
    event TreasurerLimitsSet(address indexed disco, uint64 budget, uint64 lineBound);

    /// @notice Emitted for every payment: each hop's balance moved by `amount` from path[i] toward path[i + 1]; every
    /// balance is rebuilt from these, CycleCleared and Settled.
    event CreditPaid(
        address indexed payer,
        address indexed payee,
        uint64 amount,
        bytes32 indexed paymentRef,
        address[] path,
        address by
    );

    /// @notice Emitted when a cycle is cleared: each hop's debt from cycle[i] to cycle[i + 1] fell by `amount`.
    event CycleCleared(address[] cycle, uint64 amount, address by);

    /// @notice Emitted when a debtor pays down its debt to a creditor in money: `tokens` of `currency` moved from
    /// `by` (the debtor's timelock) to the creditor's treasury, and the pair's balance moved toward zero by `amount`.
    event Settled(
        address indexed debtor,
        address indexed creditor,
        uint64 amount,
        address currency,
        uint256 tokens,
        address by
    );

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Thrown when anything but the federation's factory initialises the network.
    error CreditNotFactory(address caller);

    /// @notice Thrown when maxHops is not 1 to MAX_HOPS.
    error CreditInvalidMaxHops(uint8 maxHops);

    /// @notice Thrown when `account` is no account now (see the interface's notes).
    error CreditNotAccount(address account);

    /// @notice Thrown when `caller` may not act for `account`.
    error CreditUnauthorized(address caller, address account);

    /// @notice Thrown when a person opens an account while the federation allows no member accounts.
    error CreditMemberAccountsOff();

    /// @notice Thrown when a person opens an account and is not a Committed member of a member DisCO `disco`.
    error CreditNotCommittedMember(address account, address disco);

    /// @notice Thrown when a giver extends a line to itself.
    error CreditSelfLine(address account);

    /// @notice Thrown when a treasurer sets a line over their DisCO's bound, or changes one that is over it (`limit`
    /// is the offending one: the new limit, or else the current one).
    error CreditLineOverBound(address giver, uint64 limit, uint64 bound);

    /// @notice Thrown when a treasurer sets or changes a line toward a person's account (`receiver`): lines to
    /// persons are the members' vote (else a treasurer who holds an account could lend themself the DisCO's credit
    /// and pay through it outside the budget).
    error CreditPersonLineByVote(address receiver);

    /// @notice Thrown when a treasurer unfreezes the line `giver` extends to `receiver`: treasurers may freeze (it
    /// protects), only the members' vote unfreezes (else they could thaw a line the members froze).
    error CreditThawByVote(address giver, address receiver);

    /// @notice Thrown when an amount is zero.
    error CreditZeroAmount();

    /// @notice Thrown when a path has fewer than two nodes or more than maxHops hops, or a cycle fewer than three
    /// nodes or more than maxHops hops.
    error CreditInvalidPathLength(uint256 length);

    /// @notice Thrown when a path does not start at the payer or end at the payee (`node` is the one found there).
    error CreditPathEnds(address expected, address node);

    /// @notice Thrown when a node appears twice on a path or a cycle (beyond a cycle's closing node).
    error CreditRepeatedNode(address node);

    /// @notice Thrown when a cycle does not end where it starts.
    error CreditCycleNotClosed(address first, address last);

    /// @notice Thrown when a hop from `from` to `to` would take `from`'s balance toward `to` below the line `to`
    /// extends (zero when frozen): `balance` is the balance the hop would leave.
    error CreditOverLine(address from, address to, int256 balance, uint64 limit);

    /// @notice Thrown when a treasurer's payment would take their DisCO's spending in this period over its budget.
    error CreditOverBudget(address disco, uint256 spent, uint64 budget);

    /// @notice Thrown when a cycle's hop (or a settlement) would move a balance past zero: `from` owes `to` only
    /// `owed`.
    error CreditOverDebt(address from, address to, uint256 owed, uint64 amount);

    /// @notice Thrown when the creditor's treasury holds another currency than the debtor's.
    error CreditCurrencyMismatch(address debtorCurrency, address creditorCurrency);

    /// @notice Thrown when the currency has fewer than two decimals (a credit unit is a hundredth).
    error CreditCurrencyDecimals(address currency, uint8 decimals);

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @notice Sets up the network, once, by the federation's factory: checks the settings sealed in the clone's
    /// arguments (federation, maxHops 1 to MAX_HOPS, memberAccounts), which no call changes afterwards.
    function initialize() external;

    /// @notice Opens the caller's own account as a Committed member of the member DisCO `disco` (memberAccounts
    /// only). It stays an account while `disco` is a member of the federation and the caller Committed in it; opening
    /// it again names another home DisCO (its balances and lines are the address's, and stay).
    /// @param disco A member DisCO (its id)
    function openAccount(address disco) external;

    /// @notice Sets the line `giver` extends to `receiver` (how far the receiver may owe it), by who acts for the
    /// giver: its timelock, a treasurer when the receiver is a member DisCO (not a person's account) and the current
    /// and the new limit are within its bound, or the person.
    /// Lowering it below the current debt is allowed: nothing is clawed back, further debt is refused.
    /// @param giver An account
    /// @param receiver Another account
    /// @param limit Credit units
    function setCreditLine(address giver, address receiver, uint64 limit) external;

    /// @notice Freezes (or unfreezes) the line `giver` extends to `receiver`, keeping its limit: a frozen line
    /// carries nothing. Who may: the giver's timelock or the person; a treasurer freezes (toward a DisCO or a
    /// person) when the current limit is within its bound, and never unfreezes.
    /// @param giver An account
    /// @param receiver Another account
    /// @param frozen Whether it is frozen
    function freezeCreditLine(address giver, address receiver, bool frozen) external;

    /// @notice Sets a DisCO's treasurers' budget per period and line bound, by its timelock.
    /// @param disco A member DisCO
    /// @param budget Credit units per period
    /// @param lineBound The highest line they may set toward a member DisCO
    function setTreasurerLimits(address disco, uint64 budget, uint64 lineBound) external;

    /// @notice Pays `amount` from `payer` to `payee` along `path`, all or nothing, by who acts for the payer (its
    /// timelock; a treasurer, within the budget; the person). Every node must be an account now; each hop moves
    /// path[i]'s balance toward path[i + 1] down by `amount`, never below the line path[i + 1] extends.
    /// @param payer The paying account, path[0]
    /// @param payee The paid account, the path's last node
    /// @param path The nodes from payer to payee, none repeated, at most maxHops hops
    /// @param amount Credit units, non-zero
    /// @param paymentRef The invoice (or other reference) both DisCOs' books show
    function pay(address payer, address payee, address[] calldata path, uint64 amount, bytes32 paymentRef) external;

    /// @notice Clears a cycle, by anyone: for each hop, cycle[i]'s debt to cycle[i + 1] falls by `amount` (each must
    /// owe at least that). Nobody's net position changes; no line is consulted (a balance only moves toward zero), so
    /// accounts that left may be on it.
    /// @param cycle Nodes with cycle[0] == the last node, none other repeated, 3 to maxHops hops
    /// @param amount Credit units, non-zero
    function clearCycle(address[] calldata cycle, uint64 amount) external;

    /// @notice Pays down `debtor`'s debt to `creditor` by `amount` in money, by the debtor's timelock (also after
    /// either left): the currency moves with transferFrom from the caller to the creditor's treasury (a DisCO
    /// proposal batches treasury.spend to its timelock, approve, settle), amount × 10^(decimals − 2) units of it.
    /// @param debtor The DisCO that owes
    /// @param creditor The DisCO owed, whose treasury holds the same currency as the debtor's
    /// @param amount Credit units, non-zero, at most what the debtor owes
    function settle(address debtor, address creditor, uint64 amount) external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice The longest maxHops a federation may choose.
    /// @return 8
    function MAX_HOPS() external view returns (uint8);

    /// @notice The treasurers' budget period, in seconds (periods count from the Unix epoch).
    /// @return 30 days
    function PERIOD() external view returns (uint32);

    /// @notice The federation whose network this is.
    /// @return The federation
    function federation() external view returns (address);

    /// @notice The longest path in hops.
    /// @return The sealed setting
    function maxHops() external view returns (uint8);

    /// @notice Whether Committed members of member DisCOs may hold accounts.
    /// @return The sealed setting
    function memberAccounts() external view returns (bool);

    /// @notice `a`'s balance toward `b`: positive when b owes a, negative when a owes b.
    /// @param a An address
    /// @param b Another address
    /// @return The balance, credit units
    function balanceOf(address a, address b) external view returns (int256);

    /// @notice The line `giver` extends to `receiver`.
    /// @param giver An address
    /// @param receiver Another address
    /// @return limit Credit units
    /// @return frozen Whether it is frozen
    function lineOf(address giver, address receiver) external view returns (uint64 limit, bool frozen);

    /// @notice A DisCO's treasurers' allowance and spending.
    /// @param disco A DisCO
    /// @return The record (its spent counts for `period` only)
    function treasurersOf(address disco) external view returns (Treasurers memory);

    /// @notice The home DisCO of a person's account (zero for none).
    /// @param account A person
    /// @return disco The DisCO
    function homeOf(address account) external view returns (address disco);
}
