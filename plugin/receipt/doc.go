// Package receipt is kopeck's core: the canonical order and receipt, the
// money rules, validation, and kopeck reconciliation. It knows no provider
// and no source format, does no I/O and uses no clock or randomness.
//
// # Numbers
//
// Money is int64 kopecks and Qty int64 thousandths of a unit. Decimal text
// is parsed with shopspring/decimal and refused — never rounded — when money
// has more than two decimals or a quantity more than three. A line amount is
// Amount(price, quantity) = price × quantity rounded half up to the kopeck
// (exact for whole quantities), computed in 128-bit integers.
//
// # Reconciliation rules (Reconcile)
//
//  1. Normalize checks every field and fills the defaults of the settings:
//     kind sale; item type goods; VAT, payment method and subject from
//     settings.defaults (shipping lines from settings.defaults.shipping).
//     All problems are collected; any error stops here.
//  2. Each item's amount is its line total when the source states one (it
//     must not exceed price × quantity), else price × quantity minus the
//     item's own discount (which must not exceed it).
//  3. Order-level discounts (coupons, negative fees) are summed and spread
//     over the goods lines in proportion to their amounts by the largest
//     remainder method (Spread): each line gets floor(D × a / Σa); the
//     kopecks left over go one each to the largest remainders, ties to the
//     earlier line. Shipping lines take a share only with
//     settings.discount.include_shipping, or when the goods lines carry
//     nothing at all. A discount larger than what it may be spread over is
//     the error discount_too_large, never a negative line.
//  4. The paid amount is the order's stated total, else the sum of its
//     payments, else the sum of the lines. Stated payments must add up to a
//     stated total (payments_mismatch). A difference between the lines and
//     the paid amount up to settings.tolerance (default 1.00 RUB) is spread
//     over the lines the same way, with the warning total_adjusted; a larger
//     one is the error total_mismatch that names both sums. Nothing is ever
//     scaled to make a data problem disappear.
//  5. Each line is fitted to its amount A (Fit): the listed price is kept
//     when it already carries A. A whole quantity n takes p = A div n; when
//     A mod n = r > 0 it is split into (n − r) × p and r × (p + 1). A
//     fractional quantity q takes the price nearest A / q when its rounded
//     amount is A; that always exists for q ≤ 1. Above one unit it may not
//     (a kopeck of price moves the amount by more than a kopeck): then one
//     unit is split off and priced with what the rest leaves, so the two
//     prices differ by about q/2 kopecks at most. Parts keep every attribute
//     of their item and their quantities add up to the item's.
//  6. Each line's discount is Amount(listed price, quantity) − total; a line
//     priced above its listed price (the second part of a split, or a surplus
//     within the tolerance) shows its own price as listed and no discount, so
//     no discount is ever negative.
//  7. No payments given: one electronic payment of the paid amount.
//
// Check verifies the invariants of the result: every Total == Amount(Price,
// Quantity), prices ≥ 0, lines add up to the receipt total, payments too.
//
// # Worked example
//
// Nanokassa's own example order: "Name of product 1" listed at 77.44 × 2
// with a discount of 12.97, "Name of product 2" at 1.55 × 2 with 0.26 off,
// "Name of product 3" at 22.77 × 1 with 1.91 off, and delivery 300.00.
// Amounts: 154.88 − 12.97 = 141.91; 3.10 − 0.26 = 2.84; 20.86; 300.00;
// total 465.61. 141.91 over 2 units is 70.955 — no kopeck price carries it
// (the document's own line says price_piece 7095, summa 14191, which is
// off by a kopeck). Rule 5: p = 14191 div 2 = 7095, r = 1, so the line
// becomes 1 × 70.95 + 1 × 70.96 = 141.91. 2.84 / 2 = 1.42 fits. The
// receipt: 70.95 + 70.96 + 2 × 1.42 + 20.86 + 300.00 = 465.61, one
// electronic payment of 465.61.
//
// A coupon of 1.00 on two goods lines of 100.00 and 50.00: exact shares are
// 66.67 and 33.33 kopecks; floors 66 and 33 leave one kopeck, which goes to
// the larger remainder (the first line). Shares 0.67 + 0.33 = 1.00; lines
// 99.33 and 49.67.
package receipt
