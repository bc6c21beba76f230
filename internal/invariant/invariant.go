// Package invariant checks kopeck's answers from the outside: it reads the
// JSON a build produced and recomputes every sum with decimal arithmetic
// (shopspring/decimal), sharing no code with the builder. Golden files are
// trusted only when they pass it.
package invariant

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

// Receipt checks the "receipt" of a build answer against itself and, when
// order is the generic order it was built from (nil to skip), against it:
//   - every line: total = price × quantity rounded half up to the kopeck,
//     price ≥ 0, quantity > 0 with at most 3 decimals, money with at most 2;
//   - every line: discount = price_before_discount × quantity (rounded) −
//     total, and discount ≥ 0;
//   - Σ line totals = total = Σ payments;
//   - with the order: the lines of each item add up to its quantity, at most
//     two lines per item, and the total equals the order's stated total.
func Receipt(answer []byte, order []byte) []string {
	var bad []string
	fail := func(f string, a ...any) { bad = append(bad, fmt.Sprintf(f, a...)) }
	r := gjson.GetBytes(answer, "receipt")
	if !r.IsObject() {
		return []string{"no receipt in the answer"}
	}
	sum := decimal.Zero
	qty := map[int64]decimal.Decimal{}
	parts := map[int64]int{}
	for i, l := range r.Get("lines").Array() {
		price, q, total := num(l, "price", 2, fail), num(l, "quantity", 3, fail), num(l, "total", 2, fail)
		before, disc := num(l, "price_before_discount", 2, fail), num(l, "discount", 2, fail)
		if price.IsNegative() || !q.IsPositive() || disc.IsNegative() {
			fail("line %d: negative price or discount, or quantity not positive", i)
		}
		if want := price.Mul(q).Round(2); !want.Equal(total) {
			fail("line %d: total %s != %s × %s = %s", i, total, price, q, want)
		}
		if want := before.Mul(q).Round(2).Sub(total); !want.Equal(disc) {
			fail("line %d: discount %s != %s × %s − %s", i, disc, before, q, total)
		}
		sum = sum.Add(total)
		item := l.Get("item").Int()
		qty[item] = qty[item].Add(q)
		parts[item]++
	}
	total := num(r, "total", 2, fail)
	if !sum.Equal(total) {
		fail("lines add up to %s, total is %s", sum, total)
	}
	pays := decimal.Zero
	for _, p := range r.Get("payments").Array() {
		pays = pays.Add(num(p, "amount", 2, fail))
	}
	if !pays.Equal(total) {
		fail("payments add up to %s, total is %s", pays, total)
	}
	if order == nil {
		return bad
	}
	o := gjson.ParseBytes(order)
	for i, it := range o.Get("items").Array() {
		want, err := decimal.NewFromString(it.Get("quantity").String())
		if err != nil {
			continue
		}
		if !qty[int64(i)].Equal(want) || parts[int64(i)] < 1 || parts[int64(i)] > 2 {
			fail("item %d: %d lines with quantity %s, want 1 or 2 lines with %s", i, parts[int64(i)], qty[int64(i)], want)
		}
	}
	if t := o.Get("total"); t.Exists() {
		if want, err := decimal.NewFromString(t.String()); err == nil && !want.Equal(total) {
			fail("receipt total %s, the order says %s", total, want)
		}
	}
	return bad
}

// num reads a decimal string and checks its number of decimals.
func num(r gjson.Result, field string, decimals int32, fail func(string, ...any)) decimal.Decimal {
	v := r.Get(field)
	d, err := decimal.NewFromString(v.String())
	if err != nil {
		fail("%s: %q is not a number", field, v.String())
		return decimal.Zero
	}
	if !d.Equal(d.Truncate(decimals)) {
		fail("%s: %s has more than %d decimals", field, d, decimals)
	}
	return d
}
